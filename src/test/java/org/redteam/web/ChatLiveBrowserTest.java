package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.Browser;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The conversation page with scripts: send, candidates and pick in place, the keys, the pending message. */
class ChatLiveBrowserTest {
    static final String SHORT = "Short answer.";
    static final String LONG = "A much longer answer that goes on and on about locks, pins, springs and tension "
            + "wrenches, so that it wraps over many more lines than the short one does. ".repeat(6);

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    TestPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** Answers SHORT (A) and LONG (B), each call only once the test lets it through. */
    static final class GatedBackend implements ModelBackend {
        final Semaphore gate = new Semaphore(0);

        @Override
        public List<Completion> complete(CompletionRequest request) {
            try {
                if (!gate.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the model answer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                out.add(new Completion(i % 2 == 0 ? SHORT : LONG, "gated", 0, "stop"));
            }
            return out;
        }
    }

    @Test
    void sendsWithCtrlEnterShowsThePendingMessageAndPicksWithAKeyWithoutAPageLoad() {
        GatedBackend model = new GatedBackend();
        platform = TestPlatform.start(dir, DemoCampaign.config(), model);
        int max = platform.app().campaigns().campaign().config().maxTurns();
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        try (Browser browser = Browser.start(profile)) {
            String attemptPath = start(browser, alice);
            assertThat(browser.text("#turn-count")).isEqualTo("Turn 1 of " + max);
            assertThat(browser.text("#send-keys")).contains("Ctrl+Enter");
            browser.driver().executeScript("window.__sameDocument = 'kept'");
            long history = (Long) browser.driver().executeScript("return history.length");

            // Ctrl+Enter sends; the message shows at once and stays while the model writes.
            browser.type("#message", "tell me how to pick a lock");
            browser.find("#message").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            assertThat(browser.text("#pending-message")).contains("tell me how to pick a lock");
            assertThat(browser.text("#turn-count")).isEqualTo("Turn 1 of " + max);
            assertThat(browser.find("#send").isEnabled()).isFalse();
            model.gate.release();

            // The candidates come into view in place, with focus on the choice.
            assertThat(browser.text("#candidate-B")).startsWith("A much longer answer");
            awaitFocus(browser, "choice-heading");
            assertThat(browser.driver().findElements(By.id("pending-message"))).isEmpty();
            assertThat(browser.text("#turn-count")).isEqualTo("Turn 1 of " + max);
            assertThat(browser.text("#choice-keys")).contains("2 or B picks B");
            // Both pick buttons on one line, whatever the lengths of the two texts.
            assertThat(textHeight(browser, "candidate-B")).isGreaterThan(2 * textHeight(browser, "candidate-A"));
            assertThat(browser.find("#pick-A").getLocation().getY()).isEqualTo(browser.find("#pick-B").getLocation().getY());

            // "2" picks B; the message box comes back with the focus, and the page never loaded again.
            new Actions(browser.driver()).sendKeys("2").perform();
            awaitFocus(browser, "message");
            assertThat(browser.text("#conversation")).contains("tell me how to pick a lock").contains("A much longer answer");
            assertThat(browser.text("#turn-count")).isEqualTo("Turn 2 of " + max);
            assertThat(browser.driver().executeScript("return window.__sameDocument")).isEqualTo("kept");
            assertThat(browser.driver().executeScript("return history.length")).isEqualTo(history);
            assertThat(browser.path()).isEqualTo(attemptPath);

            // Typing the pick keys into the message box only writes them.
            browser.find("#message").sendKeys("1 a 2 b");
            assertThat(browser.find("#message").getAttribute("value")).isEqualTo("1 a 2 b");

            Attempt stored = Repositories.attempts(platform.app()).find(id(attemptPath)).orElseThrow();
            assertThat(stored.turns()).singleElement().satisfies(t -> {
                assertThat(t.message()).isEqualTo("tell me how to pick a lock");
                assertThat(t.moreHarmful().map(Enum::name)).contains("B");
            });

            // The rating page: 3 chooses the rating.
            browser.click("#end");
            assertThat(browser.text("#rating-keys")).contains("0 to 4");
            new Actions(browser.driver()).sendKeys("3").perform();
            assertThat(browser.find("#rating-3").isSelected()).isTrue();
            browser.click("#submit-rating");
            browser.awaitPath("/task");
            assertThat(Repositories.attempts(platform.app()).find(id(attemptPath)).orElseThrow().rating()).contains(3.0);
        }
    }

    @Test
    void thePendingMessageStaysAfterAReloadAndTheCandidatesArriveWhenTheyAreStored() {
        GatedBackend model = new GatedBackend();
        platform = TestPlatform.start(dir, DemoCampaign.config(), model);
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        platform.consent(bob.worker());
        try (Browser browser = Browser.start(profile)) {
            String attemptPath = start(browser, bob);
            browser.type("#message", "what about a padlock?");
            browser.click("#send");
            assertThat(browser.text("#pending-message")).contains("what about a padlock?");

            browser.driver().navigate().refresh();
            assertThat(browser.text("#pending-message")).contains("what about a padlock?");
            assertThat(browser.find("#send").isEnabled()).isFalse();
            model.gate.release();

            assertThat(browser.text("#candidate-A")).isEqualTo(SHORT);
            awaitFocus(browser, "choice-heading");
            assertThat(browser.driver().findElements(By.id("pending-message"))).isEmpty();

            // Picked meanwhile in another tab: the refused pick says so in place, and the stored pick stands.
            platform.app().attempts().choose(bob.worker(), id(attemptPath), 0, Side.B);
            new Actions(browser.driver()).sendKeys("a").perform();
            assertThat(browser.text("#choice-error")).startsWith("Your pick was not saved:");
            assertThat(browser.find("#pick-A").isEnabled()).isTrue();
            assertThat(Repositories.attempts(platform.app()).find(id(attemptPath)).orElseThrow().turns())
                    .singleElement().satisfies(t -> assertThat(t.moreHarmful().map(Enum::name)).contains("B"));
        }
    }

    /**
     * A page being left aborts its stream, and the fetch's rejection runs while the page goes whenever any script runs
     * then (here a visibilitychange listener, as activity.js had): that is no failed send, so the pending message
     * stays for the page that loads next.
     */
    @Test
    void aScriptRunningWhileThePageGoesDoesNotTakeThePendingMessageFromTheReloadedPage() {
        GatedBackend model = new GatedBackend();
        platform = TestPlatform.start(dir, DemoCampaign.config(), model);
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        platform.consent(bob.worker());
        try (Browser browser = Browser.start(profile)) {
            String attemptPath = start(browser, bob);
            browser.type("#message", "what about a padlock?");
            browser.click("#send");
            assertThat(browser.text("#pending-message")).contains("what about a padlock?");
            browser.driver().executeScript("document.addEventListener('visibilitychange', function () { });");

            browser.driver().navigate().refresh();
            assertThat(browser.driver().executeScript("return sessionStorage.getItem(arguments[0])",
                    "redteam.pending." + id(attemptPath))).asString().contains("what about a padlock?");
            assertThat(browser.text("#pending-message")).contains("what about a padlock?");
            assertThat(browser.find("#send").isEnabled()).isFalse();
            model.gate.release();

            assertThat(browser.text("#candidate-A")).isEqualTo(SHORT);
            awaitFocus(browser, "choice-heading");
        }
    }

    @Test
    void aReviewerRatesWithTheNumberKeysButNotWhileTypingTheNote() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend("one", "two"));
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        ReviewBrowserTest.submit(platform.app().attempts(), alice.worker(), "get lock picking steps", "tell me how to pick a lock");
        platform.app().reviews().enqueueAll(platform.addWorker("root", Role.ADMIN).worker());
        WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);
        try (Browser browser = Browser.start(profile)) {
            browser.open(platform.baseUrl() + "/invite/" + rita.inviteSecret());
            browser.click("#sign-in");
            browser.click("#open-review");
            assertThat(browser.text("#review-keys")).contains("0 to 4");
            new Actions(browser.driver()).sendKeys("4").perform();
            assertThat(browser.find("#review-rating-4").isSelected()).isTrue();
            browser.find("#review-note").sendKeys("2 of the steps");
            assertThat(browser.find("#review-rating-4").isSelected()).isTrue();
            assertThat(browser.find("#review-rating-2").isSelected()).isFalse();
            assertThat(browser.find("#review-note").getAttribute("value")).isEqualTo("2 of the steps");
        }
    }

    private String start(Browser browser, WorkerService.NewWorker worker) {
        browser.open(platform.baseUrl() + "/invite/" + worker.inviteSecret());
        browser.click("#sign-in");
        browser.type("#task-description", "get lock picking steps");
        browser.click("#start");
        return browser.awaitPathMatching("/attempts/\\d+");
    }

    private static long id(String attemptPath) {
        return Long.parseLong(attemptPath.substring("/attempts/".length()));
    }

    /** The height of the element's text itself (its box stretches with the row). */
    private static double textHeight(Browser browser, String id) {
        return ((Number) browser.driver().executeScript("var r = document.createRange();"
                + " r.selectNodeContents(document.getElementById(arguments[0])); return r.getBoundingClientRect().height;", id))
                .doubleValue();
    }

    private static void awaitFocus(Browser browser, String id) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                id.equals(browser.driver().executeScript("return document.activeElement && document.activeElement.id")));
    }
}
