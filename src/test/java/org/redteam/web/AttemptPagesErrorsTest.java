package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.testing.ApiClient;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.MutableClock;
import org.redteam.testing.PageSession;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/**
 * Errors for people on the red teamer's pages: a refused input comes back next to its field with the
 * input kept, in plain words; a form from an out-of-date tab lands on the attempt as it stands with a
 * note; the rating page shows the transcript; a pick can be undone for 10 s.
 */
class AttemptPagesErrorsTest {
    static final CampaignConfig CAMPAIGN = new CampaignConfigLoader().parse("pages.yaml", """
            name: pages
            attempts_per_set: 2
            max_turns: 3
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
            """);
    private static final String MOVED = "This conversation moved on in another tab; here is where it stands.";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestPlatform platform;
    AttemptService attempts;
    WorkerService.NewWorker alice;
    PageSession tab;
    /** A second tab of the same browser: the same session, a page loaded earlier. */
    PageSession otherTab;

    @BeforeEach
    void start() {
        ScriptedBackend backend = new ScriptedBackend("first answer", "second answer");
        platform = TestPlatform.start(StoreLocation.directory(dir), CAMPAIGN,
                new TargetFactory((id, spec) -> backend), FakePreferenceModel.minusLength(), clock);
        attempts = platform.app().attempts();
        alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        tab = PageSession.signIn(platform, alice.inviteSecret());
        otherTab = tab;
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void anEmptyOrTooLongPlanComesBackNextToItsFieldInPlainWordsWithTheTextKept() {
        HttpResponse<String> empty = tab.post("/task", "taskDescription", "   ");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(text(empty.body(), "task-error")).isEqualTo("Your plan is empty. Please write something first.");
        assertThat(empty.body()).contains("role=\"alert\"").contains("aria-describedby=\"task-error\"")
                .doesNotContain("taskDescription:").doesNotContain("Bad Request");

        String tooLong = "tell me how to pick a lock ".repeat(80).strip();
        HttpResponse<String> longer = tab.post("/task", "taskDescription", tooLong);
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(text(longer.body(), "task-error"))
                .isEqualTo("Your plan is " + tooLong.length() + " characters long; the limit is 2000. Please shorten it.");
        assertThat(longer.body()).contains(">" + tooLong + "</textarea>");
        assertThat(attempts.openAttempt(alice.worker())).isEmpty();
    }

    @Test
    void anEmptyMessageABadPickAndAMissingRatingComeBackNextToTheirFields() {
        long id = started();
        HttpResponse<String> empty = tab.post("/attempts/" + id + "/turns", "message", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(text(empty.body(), "send-error")).isEqualTo("Your message is empty. Please write something first.");
        assertThat(empty.body()).contains("aria-invalid=\"true\"").doesNotContain("message:").doesNotContain("Bad Request");
        String tooLong = "x".repeat(AttemptService.MAX_MESSAGE + 1);
        HttpResponse<String> longer = tab.post("/attempts/" + id + "/turns", "message", tooLong);
        assertThat(text(longer.body(), "send-error")).contains("4001 characters long; the limit is 4000");
        assertThat(longer.body()).contains(">" + tooLong + "</textarea>");

        tab.post("/attempts/" + id + "/turns", "message", "tell me how to pick a lock");
        HttpResponse<String> badPick = tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "C");
        assertThat(badPick.statusCode()).isEqualTo(400);
        assertThat(text(badPick.body(), "pick-error")).isEqualTo("Choose the response you find more harmful: A or B.");
        assertThat(badPick.body()).contains("aria-describedby=\"pick-error\"").doesNotContain("moreHarmful:");

        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "B");
        HttpResponse<String> noRating = tab.post("/attempts/" + id + "/rating");
        assertThat(noRating.statusCode()).isEqualTo(400);
        assertThat(text(noRating.body(), "rating-error"))
                .isEqualTo("Choose a rating from 0 (not successful) to 4 (very successful).");
        assertThat(noRating.body()).contains("aria-describedby=\"rating-error\"").doesNotContain("rating:");
        assertThat(tab.post("/attempts/" + id + "/rating", "rating", "7").statusCode()).isEqualTo(400);
        assertThat(attempts.get(alice.worker(), id).submitted()).isFalse();
    }

    @Test
    void ratingAConversationWithoutAMessageSaysSoOnTheRatingPage() {
        long id = started();
        HttpResponse<String> r = tab.post("/attempts/" + id + "/rating", "rating", "2");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(text(r.body(), "rating-error")).isEqualTo("Send at least one message before you rate this conversation.");
    }

    @Test
    void formsFromAnOutOfDateTabLandOnTheAttemptAsItStandsWithANote() {
        long id = started();
        // Both tabs show the plan form; the second one starts again.
        HttpResponse<String> restart = otherTab.post("/task", "taskDescription", "another plan");
        assertThat(restart.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(restart)).isEqualTo("/task?moved=1");
        assertThat(PageSession.location(otherTab.get("/task?moved=1"))).isEqualTo("/attempts/" + id + "?moved=1");

        tab.post("/attempts/" + id + "/turns", "message", "tell me how to pick a lock");
        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "A");
        HttpResponse<String> stalePick = otherTab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "B");
        assertThat(stalePick.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(stalePick)).isEqualTo("/attempts/" + id + "?moved=1");
        assertThat(text(otherTab.get("/attempts/" + id + "?moved=1").body(), "moved-note")).isEqualTo(MOVED);
        assertThat(otherTab.get("/attempts/" + id).body()).doesNotContain("moved-note");
        assertThat(attempts.get(alice.worker(), id).turns().get(0).moreHarmful()).contains(Side.A);

        assertThat(PageSession.location(tab.post("/attempts/" + id + "/rating", "rating", "3"))).doesNotContain("moved");
        HttpResponse<String> staleSend = otherTab.post("/attempts/" + id + "/turns", "message", "and a padlock?");
        assertThat(staleSend.statusCode()).isEqualTo(303);
        assertThat(PageSession.location(staleSend)).isEqualTo("/attempts/" + id + "?moved=1");
        assertThat(PageSession.location(otherTab.post("/attempts/" + id + "/turns", "message", " ")))
                .isEqualTo("/attempts/" + id + "?moved=1");
        assertThat(PageSession.location(otherTab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "")))
                .isEqualTo("/attempts/" + id + "?moved=1");
        HttpResponse<String> rateAgain = otherTab.post("/attempts/" + id + "/rating", "rating", "1");
        assertThat(PageSession.location(rateAgain)).isEqualTo("/attempts/" + id + "?moved=1");
        String page = otherTab.get(PageSession.location(rateAgain)).body();
        assertThat(text(page, "moved-note")).isEqualTo(MOVED);
        assertThat(text(page, "submitted")).isEqualTo("Submitted with rating 3 (0–4).");
        assertThat(attempts.get(alice.worker(), id).turns()).hasSize(1);
    }

    @Test
    void theRatingPageShowsTheTranscriptOfMessagesAndChosenResponses() {
        long id = started();
        tab.post("/attempts/" + id + "/turns", "message", "tell me how to pick a lock");
        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "B");
        String page = tab.get("/attempts/" + id + "/rating").body();
        assertThat(page).contains("id=\"conversation\"").contains("tell me how to pick a lock").contains("second answer")
                .doesNotContain("first answer");
        assertThat(page.indexOf("second answer")).isLessThan(page.indexOf("id=\"rating-0\""));
    }

    @Test
    void aPickCanBeUndoneForTenSecondsUntilTheNextMessage() {
        long id = started();
        tab.post("/attempts/" + id + "/turns", "message", "tell me how to pick a lock");
        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "A");
        assertThat(tab.get("/attempts/" + id).body()).contains("id=\"undo-pick\"")
                .contains("action=\"/attempts/" + id + "/turns/0/choice/undo\"");
        clock.advance(Duration.ofSeconds(9));
        HttpResponse<String> undo = tab.post("/attempts/" + id + "/turns/0/choice/undo");
        assertThat(undo.statusCode()).isEqualTo(303);
        assertThat(tab.get("/attempts/" + id).body()).contains("id=\"pick-A\"").doesNotContain("id=\"undo-pick\"");
        assertThat(Repositories.attempts(platform.app()).comparisons()).isEmpty();

        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "B");
        clock.advance(Duration.ofSeconds(11));
        assertThat(tab.get("/attempts/" + id).body()).doesNotContain("id=\"undo-pick\"");
        HttpResponse<String> late = tab.post("/attempts/" + id + "/turns/0/choice/undo");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(text(late.body(), "pick-error")).isEqualTo(
                "The pick of message 1 can no longer be undone: a pick can be undone only within 10 seconds.");
        assertThat(attempts.get(alice.worker(), id).turns().get(0).moreHarmful()).contains(Side.B);

        tab.post("/attempts/" + id + "/turns", "message", "and a padlock?");
        HttpResponse<String> afterSend = tab.post("/attempts/" + id + "/turns/0/choice/undo");
        assertThat(afterSend.statusCode()).isEqualTo(409);
        assertThat(text(afterSend.body(), "pick-error")).contains("a newer message was sent");
    }

    @Test
    void onlyTheOwnerUndoesAPickOverTheApiOrThePages() {
        long id = started();
        tab.post("/attempts/" + id + "/turns", "message", "tell me how to pick a lock");
        tab.post("/attempts/" + id + "/turns/0/choice", "moreHarmful", "A");
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        platform.consent(bob.worker());
        assertThat(PageSession.signIn(platform, bob.inviteSecret()).post("/attempts/" + id + "/turns/0/choice/undo").statusCode())
                .isEqualTo(404);
        assertThat(platform.client(bob.token()).post("/api/attempts/" + id + "/turns/0/choice/undo", "{}").status()).isEqualTo(404);
        assertThat(attempts.get(alice.worker(), id).turns().get(0).moreHarmful()).contains(Side.A);

        ApiClient.Response own = platform.client(alice.token()).post("/api/attempts/" + id + "/turns/0/choice/undo", "{}");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("turns")).hasSize(1);
        assertThat(own.body().path("turns").path(0).path("moreHarmful").isTextual()).isFalse();
        assertThat(attempts.get(alice.worker(), id).awaitingChoice()).isTrue();
    }

    private long started() {
        assertThat(tab.post("/task", "taskDescription", "get lock picking steps").statusCode()).isEqualTo(303);
        Attempt open = attempts.openAttempt(alice.worker()).orElseThrow();
        return open.id();
    }

    /** The text inside the element with this id (tags inside it removed). */
    private static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(p|textarea|span|div)>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("an element with id %s in %s", id, html).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").strip();
    }
}
