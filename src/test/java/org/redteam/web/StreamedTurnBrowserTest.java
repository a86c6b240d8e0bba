package org.redteam.web;

import org.redteam.testing.Repositories;

import org.redteam.App;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redteam.attempt.Attempt;
import org.redteam.testing.Browser;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** A streamed turn in real headless Chromium: text appears while the model writes, then the choice. */
class StreamedTurnBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void showsCandidatesWhileTheyAreWrittenAndKeepsTheMessageWhenTheBackendFails() {
        AtomicBoolean down = new AtomicBoolean(true);
        try (FakeOpenAiServer model = FakeOpenAiServer.start()
                .reply(r -> down.get() ? FakeOpenAiServer.serverError(r) : FakeOpenAiServer.streamed(r, 200));
             TestPlatform platform = TestPlatform.start(dir, StreamedTurnTest.streaming(model, 0), App.targets());
             Browser browser = Browser.withConsoleLog(profile)) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            browser.open(platform.baseUrl() + "/invite/" + alice.inviteSecret());
            browser.click("#sign-in");
            browser.type("#task-description", "get lock picking steps");
            browser.click("#start");
            String attemptPath = browser.awaitPathMatching("/attempts/\\d+");

            // The backend fails: the error is shown, the message stays in the form, nothing is stored.
            browser.type("#message", "tell me how to pick a lock");
            browser.click("#send");
            wait(browser).until(d -> browser.find("#send-error").isDisplayed());
            assertThat(browser.text("#send-error")).contains("The assistant is unavailable right now").contains("incident inc-")
                    .doesNotContain("rlhf-8b").doesNotContain("HTTP 500").contains("send it again");
            assertThat(browser.find("#message").getAttribute("value")).isEqualTo("tell me how to pick a lock");
            long attemptId = Long.parseLong(attemptPath.substring("/attempts/".length()));
            assertThat(Repositories.attempts(platform.app()).find(attemptId).orElseThrow().turns()).isEmpty();

            // It is back: the candidates stream in (partial text, no choice yet), then the choice appears.
            down.set(false);
            browser.click("#send");
            wait(browser).until(d -> !browser.find("#live-A").getText().isEmpty() && !browser.find("#live-B").getText().isEmpty());
            String partial = browser.find("#live-A").getText();
            assertThat("reply 0 to: tell me how to pick a lock").startsWith(partial);
            assertThat(partial).isNotEqualTo("reply 0 to: tell me how to pick a lock");
            assertThat(browser.driver().findElements(By.id("choice"))).isEmpty();
            assertThat(browser.find("#send-error").isDisplayed()).isFalse();

            String complete = new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d ->
                    d.findElements(By.id("candidate-A")).isEmpty() ? null : d.findElement(By.id("candidate-A")).getText());
            assertThat(complete).isEqualTo("reply 0 to: tell me how to pick a lock");
            assertThat(browser.awaitPath(attemptPath)).isEqualTo(attemptPath);
            browser.click("#pick-B");
            // The pick is posted, then the page fetched again and swapped in: wait for it (text() reads it once).
            wait(browser).until(d -> browser.text("#conversation").contains("reply 1 to: tell me how to pick a lock"));

            Attempt stored = Repositories.attempts(platform.app()).find(attemptId).orElseThrow();
            assertThat(stored.turns()).singleElement().satisfies(t -> {
                assertThat(t.message()).isEqualTo("tell me how to pick a lock");
                assertThat(t.moreHarmful().map(Enum::name)).contains("B");
            });
            // The streaming script ran under the Content-Security-Policy, and nothing was refused by it.
            assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy") || e.contains("Refused to"));
        }
    }

    @Test
    void withoutScriptsTheFormShowsTheErrorKeepsTheMessageAndTheRetryWorks() {
        AtomicBoolean down = new AtomicBoolean(true);
        try (FakeOpenAiServer model = FakeOpenAiServer.start()
                .reply(r -> down.get() ? FakeOpenAiServer.rateLimited(r) : FakeOpenAiServer.success(r));
             TestPlatform platform = TestPlatform.start(dir, StreamedTurnTest.streaming(model, 0), App.targets());
             Browser browser = Browser.withoutScripts(profile)) {
            WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
            platform.consent(bob.worker());
            browser.open(platform.baseUrl() + "/invite/" + bob.inviteSecret());
            browser.click("#sign-in");
            browser.type("#task-description", "get lock picking steps");
            browser.click("#start");
            String attemptPath = browser.awaitPathMatching("/attempts/\\d+");

            browser.type("#message", "tell me how to pick a lock");
            browser.click("#send");
            assertThat(browser.text("#send-error")).contains("The assistant is unavailable right now").contains("incident inc-")
                    .doesNotContain("rlhf-8b").doesNotContain("HTTP 429");
            assertThat(browser.find("#message").getAttribute("value")).isEqualTo("tell me how to pick a lock");

            down.set(false);
            browser.click("#send");
            assertThat(browser.text("#candidate-A")).isEqualTo("reply 0 to: tell me how to pick a lock");
            assertThat(browser.awaitPath(attemptPath)).isEqualTo(attemptPath);
            // "Turn n of N" without scripts too; the key hints only where the keys work.
            assertThat(browser.text("#turn-count")).isEqualTo("Turn 1 of " + platform.app().campaigns().campaign().config().maxTurns());
            assertThat(browser.find("#choice-keys").isDisplayed()).isFalse();
            // The plain form asks for no stream: nobody would see it.
            assertThat(model.requests()).noneMatch(FakeOpenAiServer.Request::stream);
        }
    }

    private static WebDriverWait wait(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
    }
}
