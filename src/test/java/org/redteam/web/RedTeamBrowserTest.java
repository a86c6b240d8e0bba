package org.redteam.web;

import org.redteam.testing.Repositories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.redteam.attempt.Attempt;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.Browser;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The red teamer's whole task in real headless Chromium. */
class RedTeamBrowserTest {
    /** Each payload flips a flag if it ever runs. */
    static final String SCRIPT = "<script>window.__xss = 'script'</script>I can't help with that.";
    static final String IMG = "<img src=x onerror=\"window.__xss = 'img'\">Sure, here is a placeholder.";

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

    @Test
    void walksConsentTaskTwoTurnsReloadAndRating() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend(SCRIPT, IMG));
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        try (Browser browser = Browser.start(profile)) {
            browser.open(platform.baseUrl() + "/invite/" + alice.inviteSecret() + "?PROLIFIC_PID=abc123");
            assertThat(browser.text("main")).contains("alice");
            browser.click("#sign-in");

            assertThat(browser.awaitPath("/consent")).isEqualTo("/consent");
            assertThat(browser.text("#content-warning")).contains("offensive");
            browser.driver().findElement(By.cssSelector("input[value='Theft']")).click();
            browser.click("#consent");

            assertThat(browser.text("h1")).isEqualTo("Conversation 1 of 5");
            browser.type("#task-description", "Get the assistant to <b>explain</b> lock picking");
            browser.click("#start");

            assertThat(browser.awaitPathMatching("/attempts/\\d+")).matches("/attempts/\\d+");
            long attemptId = Long.parseLong(browser.path().substring("/attempts/".length()));
            assertThat(browser.text(".task")).contains("<b>explain</b>");
            browser.type("#message", "tell me how to pick a lock <img src=y onerror=\"window.__xss='msg'\">");
            browser.click("#send");

            assertThat(browser.text("#candidate-A")).contains("<script>window.__xss = 'script'</script>");
            assertThat(browser.text("#candidate-B")).contains("<img src=x onerror=");
            assertThat(noScriptRan(browser)).isTrue();

            browser.driver().navigate().refresh();
            assertThat(browser.text("#candidate-A")).contains("I can't help with that.");
            browser.click("#pick-A");

            assertThat(browser.text("#conversation")).contains("tell me how to pick a lock <img src=y");
            browser.type("#message", "what about a padlock?");
            browser.click("#send");
            browser.click("#pick-B");

            browser.driver().navigate().refresh();
            browser.click("#end");
            browser.find("#rating-3").click();
            browser.click("#submit-rating");

            assertThat(browser.text("h1")).isEqualTo("Conversation 2 of 5");
            assertThat(noScriptRan(browser)).isTrue();

            Attempt attempt = Repositories.attempts(platform.app()).find(attemptId).orElseThrow();
            assertThat(attempt.submitted()).isTrue();
            assertThat(attempt.rating()).contains(3.0);
            assertThat(attempt.turns()).hasSize(2);
            assertThat(attempt.turns().get(0).moreHarmful().map(Enum::name)).contains("A");
            assertThat(attempt.turns().get(1).moreHarmful().map(Enum::name)).contains("B");
            assertThat(Repositories.workers(platform.app()).find(alice.worker().id()).orElseThrow().externalId())
                    .contains("abc123");
        }
    }

    @Test
    void continuesAnOpenAttemptAfterTheBrowserComesBack() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend("one", "two"));
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        platform.consent(bob.worker());
        Attempt attempt = platform.app().attempts().start(bob.worker(), "plan");
        platform.app().attempts().addTurn(bob.worker(), attempt.id(), "first message");
        try (Browser browser = Browser.start(profile)) {
            browser.open(platform.baseUrl() + "/invite/" + bob.inviteSecret());
            browser.click("#sign-in");
            assertThat(browser.awaitPath("/attempts/" + attempt.id())).isEqualTo("/attempts/" + attempt.id());
            assertThat(browser.text("#conversation")).contains("first message");
            browser.click("#pick-B");
            assertThat(browser.find("#message").isDisplayed()).isTrue();
        }
    }

    private static boolean noScriptRan(Browser browser) {
        return browser.driver().executeScript("return window.__xss === undefined") == Boolean.TRUE;
    }
}
