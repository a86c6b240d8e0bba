package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.redteam.config.DemoCampaign;
import org.redteam.config.DemographicsSettings;
import org.redteam.testing.Browser;
import org.redteam.testing.PageSession;
import org.redteam.testing.Repositories;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The optional demographics questionnaire in real headless Chromium: once after consent, skippable, never required. */
class DemographicsBrowserTest {
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

    private void asked(int minGroup) {
        platform = TestPlatform.start(dir, DemoCampaign.config()
                .withDemographics(new DemographicsSettings(true, minGroup, DemographicsSettings.DEFAULT_QUESTIONS)));
    }

    private void consent(Browser browser, WorkerService.NewWorker who) {
        browser.open(platform.baseUrl() + "/invite/" + who.inviteSecret());
        browser.click("#sign-in");
        assertThat(browser.awaitPath("/consent")).isEqualTo("/consent");
        browser.driver().findElement(By.cssSelector("input[value='Theft']")).click();
        browser.click("#consent");
    }

    @Test
    void appearsOnceAfterConsentAndSkippingStoresOnlySkippedAndNeverComesBack() {
        asked(5);
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        try (Browser browser = Browser.start(profile)) {
            consent(browser, alice);

            assertThat(browser.awaitPath("/demographics")).isEqualTo("/demographics");
            assertThat(browser.text("#q-age legend")).isEqualTo("Your age");
            assertThat(browser.text("#q-country")).contains("Prefer not to say");
            browser.click("#skip-demographics");

            assertThat(browser.awaitPath("/task")).isEqualTo("/task");
            assertThat(browser.text("h1")).isEqualTo("Conversation 1 of 5");
            browser.open(platform.baseUrl() + "/demographics");
            assertThat(browser.awaitPath("/task")).as("asked once only").isEqualTo("/task");
            browser.open(platform.baseUrl() + "/task");
            assertThat(browser.text("h1")).isEqualTo("Conversation 1 of 5");
        }
        assertThat(rows("SELECT status FROM demographics_response")).containsExactly("skipped");
        assertThat(rows("SELECT answer FROM demographics_answer")).isEmpty();
    }

    @Test
    void answeringSomeQuestionsStoresThemAndLeadsToTheTaskWithoutScripts() {
        asked(5);
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        try (Browser browser = Browser.withoutScripts(profile)) {
            consent(browser, bob);
            assertThat(browser.awaitPath("/demographics")).isEqualTo("/demographics");
            browser.driver().findElement(By.cssSelector("#q-age input[value='25–34']")).click();
            browser.driver().findElement(By.cssSelector("#q-education input[value='Prefer not to say']")).click();
            browser.click("#send-demographics");

            assertThat(browser.awaitPath("/task")).isEqualTo("/task");
            assertThat(browser.text("h1")).isEqualTo("Conversation 1 of 5");
        }
        assertThat(rows("SELECT status FROM demographics_response")).containsExactly("answered");
        assertThat(rows("SELECT question_id || '=' || answer FROM demographics_answer ORDER BY question_id"))
                .containsExactly("age=25–34", "education=Prefer not to say");
    }

    @Test
    void sendingNothingIsAllowedAndTheCampaignWithoutDemographicsNeverAsks() {
        asked(5);
        WorkerService.NewWorker carol = platform.addWorker("carol", Role.RED_TEAMER);
        try (Browser browser = Browser.start(profile)) {
            consent(browser, carol);
            assertThat(browser.awaitPath("/demographics")).isEqualTo("/demographics");
            browser.click("#send-demographics");
            assertThat(browser.awaitPath("/task")).as("no question is required").isEqualTo("/task");
        }
        platform.close();
        platform = TestPlatform.start(dir.resolve("plain"), DemoCampaign.config());
        WorkerService.NewWorker dan = platform.addWorker("dan", Role.RED_TEAMER);
        try (Browser browser = Browser.start(profile.resolve("plain"))) {
            consent(browser, dan);
            assertThat(browser.awaitPath("/task")).isEqualTo("/task");
        }
    }

    @Test
    void theDashboardShowsCountsWithSmallGroupsSuppressed() {
        asked(2);
        for (String name : List.of("r1", "r2")) {
            platform.app().demographics().answer(platform.addWorker(name, Role.RED_TEAMER).worker(),
                    java.util.Map.of("gender", "Woman", "age", "25–34"));
        }
        platform.app().demographics().answer(platform.addWorker("r3", Role.RED_TEAMER).worker(),
                java.util.Map.of("gender", "Man", "age", "18–24"));
        platform.app().demographics().answer(platform.addWorker("r4", Role.RED_TEAMER).worker(), java.util.Map.of("gender", "Non-binary"));
        org.redteam.testing.ReviewFixtures.submit(platform.app(),
                org.redteam.testing.ReviewFixtures.redTeamer(platform.app(), "sam"), "plan", 2);
        WorkerService.NewWorker ada = platform.addWorker("ada", Role.ADMIN);

        String page = PageSession.signIn(platform, ada.inviteSecret()).get("/admin/dashboard?resamples=20").body();

        // gender: 2 of 4 said Woman: 50.0%; Man (1) and Non-binary (1) are under min_group 2. age: 18–24 (1) is the
        // only small answer, so 25–34 (2) is withheld too: 3 answered, and 3 − 2 would give it away.
        assertThat(page).contains("Who the crowd is").contains("<th scope=\"row\">Woman</th><td>2</td><td>50.0%</td>")
                .contains("<th scope=\"row\">Man</th><td>fewer than 2</td><td>—</td>")
                .contains("<th scope=\"row\">Non-binary</th><td>fewer than 2</td><td>—</td>")
                .contains("<th scope=\"row\">25–34</th><td>withheld</td><td>—</td>")
                .contains("<th scope=\"row\">18–24</th><td>fewer than 2</td><td>—</td>");
    }

    private List<String> rows(String sql) {
        return Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }
}
