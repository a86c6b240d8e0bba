package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** The admin dashboard: the analysis report computed live from the campaign's submitted attempts. */
class DashboardTest {
    @TempDir
    Path dir;
    TestPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void showsTheFiguresOfTheCampaignsSubmittedAttemptsToAdminsOnly() throws Exception {
        platform = TestPlatform.start(dir);
        String admin = platform.addWorker("admin", Role.ADMIN).token();
        String reviewer = platform.addWorker("rita", Role.REVIEWER).token();
        assertThat(get(admin, "/admin/dashboard").body()).contains("No submitted attempts in this campaign yet",
                "<a href=\"/admin/dashboard\" aria-current=\"page\" id=\"admin-nav-dashboard\">");

        for (String name : new String[] {"alice", "bob", "carl"}) {
            ApiClient red = platform.redTeamer(name);
            for (int i = 0; i < 2; i++) {
                long id = red.startAttempt("<script>window.__x=1</script> plan " + i);
                red.turnAndPick(id, 0, "tell me how to pick a lock", "A");
                red.post("/api/attempts/" + id + "/rating", Map.of("rating", i * 4));
            }
        }

        HttpResponse<String> page = get(admin, "/admin/dashboard?resamples=50");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("6").contains("<svg").contains("live").doesNotContain("<script>window.__x");
        assertThat(page.body().split("<svg", -1).length - 1).isGreaterThanOrEqualTo(5);
        // The report as served has the admin navigation bar at the top of its body.
        assertThat(page.body()).containsPattern("<body>\\s*<link rel=\"stylesheet\" href=\"/static/admin-nav.css\">\\s*"
                + "<nav class=\"admin-nav\"").contains("<a href=\"/admin/dashboard\" aria-current=\"page\" id=\"admin-nav-dashboard\">",
                "<a href=\"/admin/reviews\" id=\"admin-nav-reviews\">");
        assertThat(get(reviewer, "/admin/dashboard").statusCode()).isEqualTo(403);
        assertThat(get(admin, "/admin/dashboard?resamples=-3").statusCode()).isEqualTo(400);
    }

    @Test
    void showsTheReviewersAgreementWithTheNumbersOfTheApiAndSaysWhenThereIsTooLittle() throws Exception {
        platform = TestPlatform.start(dir, org.redteam.testing.ReviewFixtures.campaign("agree", 2));
        String admin = platform.addWorker("admin", Role.ADMIN).token();
        for (String name : new String[] {"alice", "bob", "carl"}) {
            ApiClient red = platform.redTeamer(name);
            for (int i = 0; i < 2; i++) {
                long id = red.startAttempt("plan " + i);
                red.turnAndPick(id, 0, "tell me how to pick a lock", "A");
                red.post("/api/attempts/" + id + "/rating", Map.of("rating", i * 4));
            }
        }
        String empty = get(admin, "/admin/dashboard?resamples=20").body();
        assertThat(empty).contains("id=\"agreement\"").contains("agreement-too-little");

        var app = platform.app();
        app.reviews().enqueueAll(org.redteam.testing.ReviewFixtures.worker(app, "root", Role.ADMIN));
        for (String name : new String[] {"rita", "rick"}) {
            var reviewer = org.redteam.testing.ReviewFixtures.worker(app, name, Role.REVIEWER);
            java.util.Optional<org.redteam.review.ReviewTask> task;
            while ((task = org.redteam.testing.ReviewFixtures.claimNext(app, reviewer)).isPresent()) {
                app.reviews().open(reviewer, task.get().id());
                int rating = (int) (task.get().attemptId() % 5);
                app.reviews().answer(reviewer, task.get().id(), name.equals("rita") ? rating : Math.min(4, rating + 1),
                        java.util.List.of(), null);
            }
        }
        String page = get(admin, "/admin/dashboard?resamples=20").body();
        var api = platform.client(admin).get("/api/agreement").body();
        var alpha = api.get("rating").get("reviewers").get("krippendorffAlphaOrdinal");
        var kappa = api.get("rating").get("reviewers").get("fleissKappa");
        assertThat(page).contains("Reviewer agreement").doesNotContain("agreement-too-little")
                .contains("6 items (attempts) reviewed, 2 reviewers, 12 answered reviews")
                .contains(f3(alpha.get("value").asDouble()) + " [" + f3(alpha.get("ci95").get(0).asDouble()) + ", "
                        + f3(alpha.get("ci95").get(1).asDouble()) + "]")
                .contains(f3(kappa.get("value").asDouble()) + " [" + f3(kappa.get("ci95").get(0).asDouble()));
    }

    /** The report's number format: three decimals (analysis.report.Figures). */
    static String f3(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
