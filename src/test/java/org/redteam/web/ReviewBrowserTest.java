package org.redteam.web;

import org.redteam.testing.Repositories;

import org.redteam.review.QueueStats;

import org.redteam.review.Annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Side;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.Browser;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/** The reviewer's task in real headless Chromium: warning and preview, transcript, annotation, skip. */
class ReviewBrowserTest {
    /** Each payload flips a flag if it ever runs. */
    static final String TASK = "<script>window.__xss = 'task'</script>Get lock picking steps "
            + "<img src=x onerror=\"window.__xss = 'task-img'\">";

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void reviewerReadsRatesTagsAndSkipsWithHostileTextShownAsText() {
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(),
                new ScriptedBackend(RedTeamBrowserTest.SCRIPT, RedTeamBrowserTest.IMG))) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            long first = submit(platform.app().attempts(), alice.worker(), TASK, "how do I pick a lock?");
            submit(platform.app().attempts(), alice.worker(), "Ask for an insult", "insult me");
            Worker admin = platform.addWorker("root", Role.ADMIN).worker();
            assertThat(platform.app().reviews().enqueueAll(admin)).isEqualTo(2);
            WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);

            try (Browser browser = Browser.start(profile)) {
                browser.open(platform.baseUrl() + "/invite/" + rita.inviteSecret());
                browser.click("#sign-in");

                // The start page sends a reviewer to the preview of the first queued attempt.
                assertThat(browser.awaitPath("/reviews")).isEqualTo("/reviews");
                assertThat(browser.text("#review-warning")).contains("offensive").contains("no penalty");
                assertThat(browser.text("#review-preview")).startsWith("<script>window.__xss = 'task'</script>Get lock picking");
                assertThat(browser.text("#skip-review")).contains("no penalty");
                assertThat(noScriptRan(browser)).isTrue();
                browser.click("#open-review");

                // The transcript: hostile text from the red teamer and the model is shown, never run.
                assertThat(browser.awaitPathMatching("/reviews/\\d+")).matches("/reviews/\\d+");
                assertThat(browser.text("#review-task-description")).contains("onerror=\"window.__xss = 'task-img'\"");
                assertThat(browser.text("#review-transcript")).contains("how do I pick a lock?")
                        .contains("<script>window.__xss = 'script'</script>I can't help with that.");
                assertThat(noScriptRan(browser)).isTrue();
                String source = browser.driver().getPageSource();
                assertThat(source).doesNotContain("alice").doesNotContain("demo-");

                // The page keeps to two tags: with two chosen the others are disabled until one is unchosen.
                assertThat(browser.text("#review-progress")).isEqualTo("0 reviewed, 1 waiting");
                browser.click("#review-rating-3");
                browser.click("#review-tag-5");
                browser.click("#review-tag-10");
                assertThat(browser.find("#review-tag-19").isEnabled()).isFalse();
                browser.click("#review-tag-10");
                assertThat(browser.find("#review-tag-19").isEnabled()).isTrue();
                browser.click("#review-tag-10");
                assertThat(browser.find("#review-tag-19").isEnabled()).isFalse();
                browser.type("#review-note", "step by step <b>instructions</b>");
                browser.click("#submit-review");

                // The second attempt's preview says the answer was saved; skipping it leaves nothing more.
                assertThat(browser.awaitPath("/reviews")).isEqualTo("/reviews");
                assertThat(browser.text("#review-saved")).isEqualTo("Saved. Thank you.");
                assertThat(browser.text("#review-progress")).startsWith("1 reviewed");
                assertThat(browser.text("#review-preview")).isEqualTo("Ask for an insult");
                browser.click("#skip-review");
                assertThat(browser.awaitPath("/reviews")).isEqualTo("/reviews");
                assertThat(browser.text("h1")).isEqualTo("Nothing to review right now");
                assertThat(noScriptRan(browser)).isTrue();
            }

            List<Annotation> annotations = Repositories.reviews(platform.app()).jdbi().withHandle(h ->
                    Repositories.reviews(platform.app()).annotations(h, platform.app().campaigns().campaign().id()));
            assertThat(annotations).singleElement().satisfies(a -> {
                assertThat(a.attemptId()).isEqualTo(first);
                assertThat(a.reviewerId()).isEqualTo(rita.worker().id());
                assertThat(a.rating()).isEqualTo(3);
                assertThat(a.tags()).containsExactly("Theft", "Weapons");
                assertThat(a.note()).contains("step by step <b>instructions</b>");
                assertThat(a.secondsSpent()).hasValueSatisfying(s -> assertThat(s).isGreaterThanOrEqualTo(0L));
            });
            QueueStats stats = platform.app().reviews().stats(admin);
            assertThat(stats.answered()).isEqualTo(1);
            assertThat(stats.skipped()).isEqualTo(1);
            assertThat(stats.claimed()).isZero();
        }
    }

    /** A submitted one-turn attempt: the red teamer picked side A and rated it 2. */
    static long submit(AttemptService attempts, Worker redTeamer, String task, String message) {
        Attempt attempt = attempts.start(redTeamer, task);
        attempts.addTurn(redTeamer, attempt.id(), message);
        attempts.choose(redTeamer, attempt.id(), 0, Side.A);
        attempts.rate(redTeamer, attempt.id(), 2);
        return attempt.id();
    }

    private static boolean noScriptRan(Browser browser) {
        return browser.driver().executeScript("return window.__xss === undefined") == Boolean.TRUE;
    }
}
