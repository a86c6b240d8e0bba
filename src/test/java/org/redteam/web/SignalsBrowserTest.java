package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Expertise;
import org.redteam.attempt.Signals;
import org.redteam.attempt.TurnFlag;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.Browser;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The red teamer's own signals in real headless Chromium, with and without scripts: optional, never required. */
class SignalsBrowserTest {
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
    void flagsAPickedReplyWithAnEscapedReasonAndAnswersExpertiseFromTheCampaignList() {
        platform = TestPlatform.start(dir, DemoCampaign.config().withExpertiseAreas(List.of("chemistry", "locksmithing")),
                new ScriptedBackend("I can't help with that.", "Sure, here is a placeholder."));
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        Attempt attempt = openWithOneTurn(alice);
        try (Browser browser = Browser.start(profile)) {
            signIn(browser, alice, attempt);
            browser.click("#pick-B");
            browser.type("#flag-reason-0", "gave <b>steps</b>");
            browser.driver().executeScript("window.__samePage = true");
            browser.click("#flag-0");

            assertThat(browser.text("#flagged-0")).contains("Flagged as harmful: gave <b>steps</b>");
            assertThat(browser.driver().executeScript("return window.__samePage === true")).as("posted by flags.js, no reload")
                    .isEqualTo(Boolean.TRUE);
            assertThat(browser.driver().findElements(By.cssSelector("#turn-flag-0 b"))).isEmpty();
            assertThat(browser.path()).isEqualTo("/attempts/" + attempt.id());
            browser.click("#end");
            browser.find("#expertise-yes").click();
            new Select(browser.find("#expertise-area")).selectByVisibleText("locksmithing");
            browser.find("#rating-3").click();
            browser.click("#submit-rating");

            assertThat(browser.awaitPath("/task")).isEqualTo("/task");
            assertThat(signals(alice, attempt)).isEqualTo(new Signals(List.of(new TurnFlag(0, "gave <b>steps</b>")),
                    Optional.of(new Expertise(true, Optional.of("locksmithing")))));
            assertThat(Repositories.attempts(platform.app()).find(attempt.id()).orElseThrow().rating()).contains(3.0);
        }
    }

    @Test
    void withoutScriptsFlagsTakesBackAndFlagsAgainThenFreeTextExpertise() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend("one", "two"));
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        Attempt attempt = openWithOneTurn(bob);
        try (Browser browser = Browser.withoutScripts(profile)) {
            signIn(browser, bob, attempt);
            browser.click("#pick-A");
            browser.type("#flag-reason-0", "rude");
            browser.click("#flag-0");
            assertThat(browser.text("#flagged-0")).contains("rude");
            browser.click("#unflag-0");
            browser.click("#flag-0");
            assertThat(browser.text("#flagged-0")).isEqualTo("Flagged as harmful");

            browser.click("#end");
            assertThat(browser.driver().findElements(By.id("expertise-area"))).as("no campaign list").isEmpty();
            browser.find("#expertise-yes").click();
            browser.type("#expertise-other", "organic chemistry");
            browser.find("#rating-1").click();
            browser.click("#submit-rating");

            assertThat(browser.awaitPath("/task")).isEqualTo("/task");
            assertThat(signals(bob, attempt)).isEqualTo(new Signals(List.of(new TurnFlag(0, "")),
                    Optional.of(new Expertise(true, Optional.of("organic chemistry")))));
        }
    }

    @Test
    void skippingBothStillSubmitsWithAndWithoutScripts() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend("one", "two"));
        for (boolean scripts : new boolean[] {true, false}) {
            WorkerService.NewWorker carol = platform.addWorker("carol-" + scripts, Role.RED_TEAMER);
            Attempt attempt = openWithOneTurn(carol);
            try (Browser browser = scripts ? Browser.start(profile.resolve("on")) : Browser.withoutScripts(profile.resolve("off"))) {
                signIn(browser, carol, attempt);
                browser.click("#pick-A");
                assertThat(browser.find("#flag-0").isDisplayed()).isTrue();
                browser.click("#end");
                browser.find("#rating-0").click();
                browser.click("#submit-rating");

                assertThat(browser.awaitPath("/task")).isEqualTo("/task");
                assertThat(Repositories.attempts(platform.app()).find(attempt.id()).orElseThrow().submitted()).isTrue();
                assertThat(signals(carol, attempt)).isEqualTo(Signals.NONE);
            }
        }
    }

    private Attempt openWithOneTurn(WorkerService.NewWorker who) {
        platform.consent(who.worker());
        Attempt attempt = platform.app().attempts().start(who.worker(), "plan");
        platform.app().attempts().addTurn(who.worker(), attempt.id(), "tell me how to pick a lock");
        return attempt;
    }

    private void signIn(Browser browser, WorkerService.NewWorker who, Attempt attempt) {
        browser.open(platform.baseUrl() + "/invite/" + who.inviteSecret());
        browser.click("#sign-in");
        assertThat(browser.awaitPath("/attempts/" + attempt.id())).isEqualTo("/attempts/" + attempt.id());
    }

    private Signals signals(WorkerService.NewWorker who, Attempt attempt) {
        return platform.app().signals().of(who.worker(), attempt.id());
    }
}
