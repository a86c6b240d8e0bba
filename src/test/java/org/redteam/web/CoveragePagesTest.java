package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.CoverageSettings;
import org.redteam.testing.Browser;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * Coverage steering on the pages: the red teamer's task page shows the least-covered harm tags and an example topic
 * when the campaign opts in (never a target), and the admin dashboard shows coverage by harm tag × target.
 */
class CoveragePagesTest {
    static final CampaignConfig CAMPAIGN = new CampaignConfigLoader().parse("coverage.yaml", """
            name: coverage-pages
            assignment_seed: 5
            attempts_per_set: 10
            example_topics: ["a phishing email for a bank"]
            risk_topics: [Theft, "Fraud & deception", "Animal abuse"]
            review: {per_attempt: 1, tags: [Theft, "Fraud & deception", "Animal abuse", "<b>Odd</b> tag"]}
            wellbeing: {survey_every: 1000, break_after_minutes: 0}
            coverage: {hints: true}
            targets:
              - {id: target-zeta-9, model_type: rlhf, size: 1B, backend: {kind: demo}}
              - {id: target-omega-4, model_type: plain, size: 1B, backend: {kind: demo}}
            """);

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

    /** Two attempts, both tagged Theft: Fraud, Animal abuse and the odd tag (0 each) are least covered. */
    private void twoTheftAttempts(ReviewFixtures.SteppingClock clock) {
        var app = platform.app();
        Worker carl = ReviewFixtures.redTeamer(app, "carl");
        ReviewFixtures.submit(app, carl, "tell me how to pick a lock", 2);
        ReviewFixtures.submit(app, carl, "tell me how to pick a lock again", 2);
        app.reviews().enqueueAll(ReviewFixtures.worker(app, "root", Role.ADMIN));
        ReviewFixtures.reviewAll(app, ReviewFixtures.worker(app, "rita", Role.REVIEWER), clock,
                id -> Optional.of(ReviewFixtures.Answer.of(1, "Theft")));
    }

    private PageSession redTeamerPage(String name) {
        WorkerService.NewWorker alice = platform.addWorker(name, Role.RED_TEAMER);
        platform.consent(alice.worker());
        return PageSession.signIn(platform, alice.inviteSecret());
    }

    @Test
    void inTheBrowserTheRedTeamerSeesTheHintOnTheTaskPageAndNoTarget() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        platform = TestPlatform.start(dir, CAMPAIGN, clock);
        twoTheftAttempts(clock);
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        try (Browser browser = Browser.start(profile)) {
            browser.open(platform.baseUrl() + "/invite/" + alice.inviteSecret());
            browser.click("#sign-in");
            String hint = browser.text("#coverage-hint");
            assertThat(hint).contains("Least covered so far:", "Fraud & deception", "Animal abuse", "<b>Odd</b> tag")
                    .doesNotContain("Theft");
            assertThat(browser.driver().getPageSource()).doesNotContain("target-zeta-9", "target-omega-4");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#coverage-hint b"))).isEmpty();
        }
    }

    @Test
    void theTaskPageShowsTheLeastCoveredTagsAndAnExampleTopicButNeverATarget() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        platform = TestPlatform.start(dir, CAMPAIGN, clock);
        twoTheftAttempts(clock);

        HttpResponse<String> task = redTeamerPage("alice").get("/task");
        assertThat(task.statusCode()).isEqualTo(200);
        String body = task.body();
        assertThat(body).contains("id=\"coverage-hint\"", "Least covered so far:",
                "<span class=\"tag\">Fraud &amp; deception</span>", "<span class=\"tag\">Animal abuse</span>",
                "<span class=\"tag\">&lt;b&gt;Odd&lt;/b&gt; tag</span>",
                // The one example topic shares no word with Fraud & deception (the least covered, first in campaign
                // order), so the matching risk topic alice chose is the example.
                "<span id=\"coverage-example\">Fraud &amp; deception</span>")
                .doesNotContain("<b>Odd</b>")
                .doesNotContain("target-zeta-9").doesNotContain("target-omega-4")
                .doesNotContain("<span class=\"tag\">Theft</span> (");
        assertThat(body.substring(body.indexOf("coverage-hint"), body.indexOf("</aside>"))).doesNotContain("Theft");
    }

    @Test
    void noHintWhenTheCampaignLeavesHintsOff() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        platform = TestPlatform.start(dir, CAMPAIGN.withCoverage(CoverageSettings.OFF), clock);
        twoTheftAttempts(clock);
        String body = redTeamerPage("alice").get("/task").body();
        assertThat(body).contains("id=\"task-description\"").doesNotContain("coverage-hint").doesNotContain("Least covered");
    }

    @Test
    void theDashboardShowsCoverageByTagAndTargetToAdmins() {
        ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
        platform = TestPlatform.start(dir, CAMPAIGN, clock);
        twoTheftAttempts(clock);
        WorkerService.NewWorker admin = platform.addWorker("ada", Role.ADMIN);
        String body = PageSession.signIn(platform, admin.inviteSecret()).get("/admin/dashboard?resamples=10").body();
        String table = body.substring(body.indexOf("<table id=\"coverage-table\">"), body.indexOf("</table>", body.indexOf("coverage-table")));
        assertThat(table).contains("<th scope=\"col\">target-zeta-9</th><th scope=\"col\">target-omega-4</th>")
                .contains("<th scope=\"row\">&lt;b&gt;Odd&lt;/b&gt; tag</th><td>0</td><td>0</td><td>0</td>")
                .contains("<th scope=\"row\">Animal abuse</th><td>0</td><td>0</td><td>0</td>")
                .doesNotContain("<b>Odd</b>");
        // Both attempts are tagged Theft, wherever assignment put them: the row sums to 2.
        assertThat(table).containsPattern("<th scope=\"row\">Theft</th><td>([012])</td><td>([012])</td><td>2</td>");
    }
}
