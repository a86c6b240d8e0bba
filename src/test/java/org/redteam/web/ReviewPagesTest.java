package org.redteam.web;

import org.redteam.testing.Repositories;

import org.redteam.wellbeing.SurveyDay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Side;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.WellbeingSettings;
import org.redteam.review.ReviewRepository;
import org.redteam.testing.PageSession;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/** The review queue, the survey every N tasks and the daily cap, through the pages over plain HTTP. */
class ReviewPagesTest {
    /** One reviewer per attempt, a survey after every 2 tasks of a kind, at most 3 tasks a day, a break after 5 minutes. */
    static final String CAMPAIGN = """
            name: Review pages
            targets:
              - {id: hidden-target, model_type: rlhf, size: 52B, backend: {kind: demo}}
            review: {per_attempt: 1, tags: [Theft, Weapons, Other], claim_minutes: 30}
            wellbeing: {survey_every: 2, daily_cap: 3, break_after_minutes: 5}
            """;
    private static final Pattern OPEN_LINK = Pattern.compile("href=\"/reviews/(\\d+)\"");

    @TempDir
    Path dir;
    TestPlatform platform;
    final List<Long> attemptIds = new ArrayList<>();
    WorkerService.NewWorker ritaWorker;
    PageSession alice;
    PageSession root;
    PageSession rita;

    @BeforeEach
    void start() {
        CampaignConfig config = new CampaignConfigLoader().parse("review-pages.yaml", CAMPAIGN);
        platform = TestPlatform.start(dir, config);
        WorkerService.NewWorker a = platform.addWorker("alice", Role.RED_TEAMER);
        WorkerService.NewWorker b = platform.addWorker("bob", Role.RED_TEAMER);
        platform.consent(a.worker());
        platform.consent(b.worker());
        AttemptService attempts = platform.app().attempts();
        attemptIds.add(submit(attempts, a.worker(), 1));
        attemptIds.add(submit(attempts, a.worker(), 3));
        attemptIds.add(submit(attempts, b.worker(), 4));
        attemptIds.add(submit(attempts, b.worker(), 0));
        alice = PageSession.signIn(platform, a.inviteSecret());
        root = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret());
        ritaWorker = platform.addWorker("rita", Role.REVIEWER);
        rita = PageSession.signIn(platform, ritaWorker.inviteSecret());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void adminsQueueByFilterSampleAndAllAndSeeHowManyWereAdded() {
        HttpResponse<String> page = root.get("/admin/reviews");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"stat-queued\">0<", "value=\"hidden-target\"");
        assertThat(root.get("/admin").body()).contains("href=\"/admin/reviews\"", "href=\"/admin/wellbeing\"");

        HttpResponse<String> filtered = root.post("/admin/reviews/queue-filter", "targets", "hidden-target", "minRating", "3", "maxRating", "4");
        assertThat(filtered.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(filtered)).isEqualTo("/admin/reviews?added=2");
        assertThat(root.get(PageSession.location(filtered)).body()).contains("Added 2 attempts", "id=\"stat-queued\">2<");
        // A reload of the page the form redirected to adds nothing.
        assertThat(root.get(PageSession.location(filtered)).body()).contains("id=\"stat-queued\">2<");
        assertThat(root.get(PageSession.location(root.post("/admin/reviews/queue-sample", "perTarget", "5", "seed", "7"))).body())
                .contains("Added 2 attempts");
        assertThat(root.get(PageSession.location(root.post("/admin/reviews/queue-all"))).body())
                .contains("Added 0 attempts", "id=\"stat-queued\">4<");

        HttpResponse<String> badSeed = root.post("/admin/reviews/queue-sample", "perTarget", "5", "seed", "x");
        assertThat(badSeed.statusCode()).isEqualTo(400);
        assertThat(badSeed.body()).contains("seed: must be a whole number");
        assertThat(alice.get("/admin/reviews").statusCode()).isEqualTo(403);
        assertThat(alice.post("/admin/reviews/queue-all").statusCode()).isEqualTo(403);
        assertThat(alice.get("/reviews").statusCode()).isEqualTo(403);
    }

    @Test
    void theQueueListsQueuedAttemptsRemovesThemKeepingReviewsAndCountsTheRest() {
        HttpResponse<String> empty = root.get("/admin/reviews");
        assertThat(empty.body()).contains("id=\"queue-empty\"", "id=\"stat-not-queued\">4<").doesNotContain("too-few-reviewers");

        root.post("/admin/reviews/queue-filter", "minRating", "3");
        String page = root.get("/admin/reviews").body();
        assertThat(page).contains("id=\"stat-not-queued\">2<", "id=\"queued-" + attemptIds.get(1) + "\"",
                "id=\"queued-" + attemptIds.get(2) + "\"", "<td>hidden-target</td>", "<td>0 / 1</td>",
                "action=\"/admin/reviews/" + attemptIds.get(1) + "/remove\"").doesNotContain("id=\"queued-" + attemptIds.get(0) + "\"");
        assertThat(page).containsPattern("<td>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</td>");

        // Rita reviews one queued attempt; removing it from the queue keeps her review.
        answerNext(rita, "2", "Theft");
        long reviewed = Repositories.reviews(platform.app()).jdbi().withHandle(h -> h.createQuery(
                "SELECT attempt_id FROM review_task WHERE status = 'answered'").mapTo(Long.class).one());
        assertThat(root.get("/admin/reviews").body()).contains("<td>1 / 1</td>");
        HttpResponse<String> removed = root.post("/admin/reviews/" + reviewed + "/remove");
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(removed)).isEqualTo("/admin/reviews?removed=" + reviewed);
        String after = root.get(PageSession.location(removed)).body();
        assertThat(after).contains("id=\"queue-removed\"", "Removed attempt " + reviewed, "id=\"stat-not-queued\">3<",
                "id=\"stat-answered\">1<").doesNotContain("id=\"queued-" + reviewed + "\"");
        int kept = Repositories.reviews(platform.app()).jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM review_task WHERE attempt_id = :a AND status = 'answered'").bind("a", reviewed)
                .mapTo(Integer.class).one());
        assertThat(kept).isEqualTo(1);

        HttpResponse<String> again = root.post("/admin/reviews/" + reviewed + "/remove");
        assertThat(PageSession.location(again)).isEqualTo("/admin/reviews?absent=" + reviewed);
        assertThat(root.get(PageSession.location(again)).body()).contains("was not in the review queue");
        assertThat(alice.post("/admin/reviews/" + attemptIds.get(2) + "/remove").statusCode()).isEqualTo(403);
        assertThat(root.get("/admin/reviews").body()).contains("id=\"queued-" + attemptIds.get(2) + "\"");
    }

    @Test
    void theQueueWarnsWhenFewerActiveReviewersThanPerAttemptExist() {
        assertThat(root.get("/admin/reviews").body()).doesNotContain("too-few-reviewers");
        platform.app().web().access().deactivate(ritaWorker.worker().id());
        assertThat(root.get("/admin/reviews").body()).contains("id=\"too-few-reviewers\"", "Only 0 active reviewer(s)");
        platform.app().web().access().activate(ritaWorker.worker().id());
        assertThat(root.get("/admin/reviews").body()).doesNotContain("too-few-reviewers");
    }

    @Test
    void aSurveyComesAfterEveryTwoReviewsThenReviewingContinuesUntilTheDailyCap() {
        root.post("/admin/reviews/queue-all");
        assertThat(rita.get("/").headers().firstValue("Location")).contains("/reviews");
        assertThat(rita.get("/reviews").body()).contains("href=\"/reviews\" id=\"nav-reviews\"");
        answerNext(rita, "4", "Theft");
        answerNext(rita, "0", "Other");

        HttpResponse<String> due = rita.get("/reviews");
        assertThat(due.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(due)).isEqualTo("/wellbeing?kind=review");
        HttpResponse<String> survey = rita.get("/wellbeing?kind=review");
        assertThat(survey.body()).contains("id=\"wb-upset-0\"", "id=\"wb-active-4\"", "id=\"wb-free-text\"",
                "not at all", "very");

        // A missing item is refused; the answers given stay chosen.
        String[] partial = answers(List.of("upset", "alert"), 3, "long day <i>but fine</i>");
        HttpResponse<String> refused = rita.post("/wellbeing", partial);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("answers.hostile: required")
                .containsPattern("id=\"wb-upset-3\"[^>]*checked").contains("long day &lt;i&gt;but fine&lt;/i&gt;");

        HttpResponse<String> answered = rita.post("/wellbeing", answers(WellbeingSettings.ITEMS, 2, "long day <i>but fine</i>"));
        assertThat(PageSession.location(answered)).isEqualTo("/reviews");
        assertThat(rita.get("/wellbeing").body()).contains("No survey is due");
        answerNext(rita, "2", "Weapons");

        HttpResponse<String> capped = rita.get("/reviews");
        assertThat(capped.statusCode()).isEqualTo(409);
        assertThat(capped.body()).contains("limit of 3 tasks");

        List<SurveyDay> days = platform.app().wellbeing().daily(platform.addWorker("auditor", Role.ADMIN).worker(), Optional.empty());
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.surveys()).isEqualTo(1);
            assertThat(d.respondents()).isEqualTo(1);
            assertThat(d.withheld()).isTrue();
            assertThat(d.means()).isEmpty();
        });
        HttpResponse<String> report = root.get("/admin/wellbeing");
        assertThat(report.body()).contains("id=\"wellbeing-daily\"", "withheld: fewer than 5 people",
                "long day &lt;i&gt;but fine&lt;/i&gt;").doesNotContain("rita", "<td>2.00</td>");
        assertThat(root.get("/admin/wellbeing?kind=red-team").body()).contains("No surveys answered yet");
        assertThat(rita.get("/admin/wellbeing").statusCode()).isEqualTo(403);
    }

    @Test
    void aRedTeamerWithADueSurveyIsSentToItBeforeTheNextAttempt() {
        HttpResponse<String> task = alice.get("/task");
        assertThat(PageSession.location(task)).isEqualTo("/wellbeing?kind=red-team");
        HttpResponse<String> start = alice.post("/task", "taskDescription", "one more");
        assertThat(start.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(start)).isEqualTo("/wellbeing?kind=red-team");

        assertThat(alice.get("/wellbeing").body()).contains("name=\"kind\" value=\"red-team\"");
        HttpResponse<String> answered = alice.post("/wellbeing", answers(WellbeingSettings.ITEMS, 1, ""));
        assertThat(PageSession.location(answered)).isEqualTo("/task");
        assertThat(alice.get("/task").body()).contains("id=\"task-description\"");
    }

    @Test
    void theBreakReminderShowsAfterAStretchOfWorkWithoutAPause() {
        root.post("/admin/reviews/queue-all");
        PageSession sam = PageSession.signIn(platform, platform.addWorker("sam", Role.REVIEWER).inviteSecret());
        assertThat(sam.get("/reviews").body()).contains("id=\"review-preview\"").doesNotContain("break-reminder");

        // Rita took (and skipped) two tasks 8 and 3 minutes ago: 8 minutes of work with no 10-minute pause.
        ReviewRepository repository = Repositories.reviews(platform.app());
        Instant now = Instant.now();
        repository.jdbi().useTransaction(h -> {
            for (int i = 0; i < 2; i++) {
                Instant claimed = now.minus(Duration.ofMinutes(8 - 5L * i));
                long task = repository.insertTask(h, attemptIds.get(i), ritaWorker.worker().id(), claimed);
                repository.skip(h, task, claimed.plusSeconds(30), 30);
            }
        });
        assertThat(rita.get("/reviews").body()).contains("id=\"break-reminder\"", "id=\"review-preview\"");
    }

    /** Opens the next task's transcript and answers it. */
    private static void answerNext(PageSession reviewer, String rating, String tag) {
        HttpResponse<String> preview = reviewer.get("/reviews");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"review-warning\"", "id=\"review-preview\"");
        Matcher link = OPEN_LINK.matcher(preview.body());
        assertThat(link.find()).isTrue();
        String path = "/reviews/" + link.group(1);
        assertThat(reviewer.get(path).body()).contains("id=\"review-rating-4\"", "id=\"review-tag-2\"", "value=\"Other\"")
                .doesNotContain("alice", "hidden-target", "rlhf");
        HttpResponse<String> tooMany = reviewer.post(path, "rating", rating, "tags", tag, "tags", "Theft", "tags", "Weapons",
                "note", "kept <b>note</b>");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("Not saved: choose at most 2 tags.", "kept &lt;b&gt;note&lt;/b&gt;")
                .contains("aria-describedby=\"review-error\"").doesNotContain("tags:", "got 3")
                .containsPattern("value=\"Theft\" id=\"review-tag-\\d+\" checked");
        HttpResponse<String> noRating = reviewer.post(path, "tags", tag, "note", "kept");
        assertThat(noRating.statusCode()).isEqualTo(400);
        assertThat(noRating.body()).contains("Not saved: choose a rating from 0 (not successful) to 4 (very successful).")
                .doesNotContain("rating:");
        HttpResponse<String> answered = reviewer.post(path, "rating", rating, "tags", tag, "note", "");
        assertThat(answered.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(answered)).isEqualTo("/reviews?saved=1");
        HttpResponse<String> next = reviewer.get("/reviews?saved=1");
        if (next.statusCode() == 200) { // else a survey or the daily cap comes first
            assertThat(next.body()).contains("Saved");
        }
        if (next.body().contains("id=\"review-progress\"")) {
            assertThat(next.body()).containsPattern("id=\"review-progress\">\\d+ reviewed, \\d+ waiting");
        }
    }

    /** Every item answered with {@code value}, as form name, value pairs. */
    private static String[] answers(List<String> items, int value, String freeText) {
        String[] form = new String[items.size() * 2 + 2];
        for (int i = 0; i < items.size(); i++) {
            form[2 * i] = items.get(i);
            form[2 * i + 1] = String.valueOf(value);
        }
        form[form.length - 2] = "freeText";
        form[form.length - 1] = freeText;
        return form;
    }

    private static long submit(AttemptService attempts, Worker redTeamer, int rating) {
        Attempt attempt = attempts.start(redTeamer, "plan rated " + rating);
        attempts.addTurn(redTeamer, attempt.id(), "hello");
        attempts.choose(redTeamer, attempt.id(), 0, Side.B);
        attempts.rate(redTeamer, attempt.id(), rating);
        return attempt.id();
    }
}
