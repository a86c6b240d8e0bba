package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.AttemptService;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

class AttemptApiTest {
    @TempDir
    Path dir;

    /** Where the test keeps its data: SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }
    TestPlatform platform;
    ApiClient alice;

    @BeforeEach
    void start() {
        platform = TestPlatform.start(store());
        alice = platform.redTeamer("alice");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void walksAnAttemptFromTaskDescriptionToRating() {
        ApiClient.Response created = alice.post("/api/attempts", Map.of("taskDescription", "Ask how to pick a lock"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();

        ApiClient.Response turn = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));
        assertThat(turn.status()).isEqualTo(200);
        assertThat(turn.body().get("index").asInt()).isEqualTo(0);
        assertThat(turn.body().get("candidates")).hasSize(2);
        assertThat(turn.body().get("candidates").get(0).get("side").asText()).isEqualTo("A");
        assertThat(turn.body().get("candidates").get(1).get("side").asText()).isEqualTo("B");
        assertThat(turn.body().get("candidates").get(0).get("text").asText()).isNotBlank();

        assertThat(alice.post("/api/attempts/" + id + "/turns/0/choice", Map.of("moreHarmful", "B")).status()).isEqualTo(200);
        alice.turnAndPick(id, 1, "and a padlock?", "A");

        ApiClient.Response rated = alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 3));
        assertThat(rated.status()).isEqualTo(200);

        ApiClient.Response attempt = alice.get("/api/attempts/" + id);
        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.body().get("status").asText()).isEqualTo("submitted");
        assertThat(attempt.body().get("rating").asInt()).isEqualTo(3);
        assertThat(attempt.body().get("turns")).hasSize(2);
        assertThat(attempt.body().get("turns").get(0).get("moreHarmful").asText()).isEqualTo("B");
        assertThat(attempt.body().get("turns").get(1).get("moreHarmful").asText()).isEqualTo("A");
    }

    @Test
    void keepsTheRedTeamerBlindToTheTarget() {
        long id = alice.startAttempt("plan");
        ApiClient.Response turn = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hello"));
        ApiClient.Response attempt = alice.get("/api/attempts/" + id);
        assertThat(attempt.raw()).doesNotContain("\"target\"", "\"backend\"", "demo-", "\"latencyMs\"");
        assertThat(turn.raw()).doesNotContain("\"backend\"", "demo-", "\"latencyMs\"");
    }

    @Test
    void showsAdminsTheTargetAndBackendOfAnAttempt() {
        long id = alice.startAttempt("plan");
        alice.turnAndPick(id, 0, "hello", "A");
        ApiClient admin = platform.client(platform.addWorker("root", Role.ADMIN).token());
        ApiClient.Response attempt = admin.get("/api/attempts/" + id);
        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.body().get("target").get("demo").asBoolean()).isTrue();
        assertThat(attempt.body().get("target").get("modelType").asText()).endsWith("(demo)");
        assertThat(attempt.body().get("turns").get(0).get("candidates").get(0).get("backend").asText()).endsWith("/demo");
    }

    @Test
    void rejectsRequestsWithoutValidCredentials() {
        ApiClient anonymous = new ApiClient(platform.baseUrl(), null);
        ApiClient forged = new ApiClient(platform.baseUrl(), "rt_not-a-token");
        assertThat(anonymous.post("/api/attempts", Map.of("taskDescription", "x")).status()).isEqualTo(401);
        assertThat(forged.get("/api/me").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/attempts/1").error()).contains("sign in");
    }

    @Test
    void hidesOtherPeoplesAttempts() {
        long id = alice.startAttempt("plan");
        ApiClient bob = platform.redTeamer("bob");
        assertThat(bob.get("/api/attempts/" + id).status()).isEqualTo(404);
        assertThat(bob.post("/api/attempts/" + id + "/turns", Map.of("message", "hi")).status()).isEqualTo(404);
        assertThat(bob.post("/api/attempts/" + id + "/rating", Map.of("rating", 1)).status()).isEqualTo(404);
    }

    @Test
    void onlyRedTeamersStartAttempts() {
        ApiClient reviewer = platform.client(platform.addWorker("rita", Role.REVIEWER).token());
        ApiClient.Response r = reviewer.post("/api/attempts", Map.of("taskDescription", "x"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).contains("red-teamer");
    }

    @Test
    void rejectsBadInputWithJsonErrors() {
        long id = alice.startAttempt("plan");
        assertThat(alice.post("/api/attempts/" + id + "/turns", Map.of("message", "  ")).status()).isEqualTo(400);
        ApiClient.Response tooLong = alice.post("/api/attempts/" + id + "/turns",
                Map.of("message", "x".repeat(AttemptService.MAX_MESSAGE + 1)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).contains("message", "4000");
        assertThat(alice.post("/api/attempts/" + id + "/turns", "{not json").status()).isEqualTo(400);
        assertThat(alice.post("/api/attempts/" + id + "/turns", Map.of("message", 5)).status()).isEqualTo(400);
        alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hi"));
        ApiClient.Response side = alice.post("/api/attempts/" + id + "/turns/0/choice", Map.of("moreHarmful", "C"));
        assertThat(side.status()).isEqualTo(400);
        assertThat(side.error()).contains("moreHarmful");
        alice.post("/api/attempts/" + id + "/turns/0/choice", Map.of("moreHarmful", "A"));
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 5)).status()).isEqualTo(400);
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", -1)).status()).isEqualTo(400);
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 2.5)).status()).isEqualTo(400);
        assertThat(alice.post("/api/attempts", Map.of("taskDescription", "")).status()).isIn(400, 409);
        assertThat(alice.get("/api/attempts/abc").status()).isEqualTo(400);
    }

    @Test
    void rejectsANulCharacterInTheTaskDescriptionOrAMessageWith400NamingTheField() {
        ApiClient.Response task = alice.post("/api/attempts", Map.of("taskDescription", "plan\u0000"));
        assertThat(task.status()).isEqualTo(400);
        assertThat(task.error()).isEqualTo("taskDescription: contains a NUL character (U+0000), which cannot be stored; remove it");
        long id = alice.startAttempt("plan");
        ApiClient.Response message = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "a\u0000b"));
        assertThat(message.status()).isEqualTo(400);
        assertThat(message.error()).isEqualTo("message: contains a NUL character (U+0000), which cannot be stored; remove it");
        // Nothing was stored; the attempt takes its first turn as usual.
        assertThat(alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hi")).body().get("index").asInt()).isZero();
    }

    @Test
    void reportsStateConflicts() {
        long id = alice.startAttempt("plan");
        assertThat(alice.post("/api/attempts", Map.of("taskDescription", "second")).status()).isEqualTo(409);
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 2)).status()).isEqualTo(409);
        alice.post("/api/attempts/" + id + "/turns", Map.of("message", "first"));
        ApiClient.Response early = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "second"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).contains("pick");
        assertThat(alice.post("/api/attempts/" + id + "/turns/0/choice", Map.of("moreHarmful", "A")).status()).isEqualTo(200);
        assertThat(alice.post("/api/attempts/" + id + "/turns/0/choice", Map.of("moreHarmful", "B")).status()).isEqualTo(409);
        assertThat(alice.post("/api/attempts/" + id + "/turns/7/choice", Map.of("moreHarmful", "B")).status()).isEqualTo(404);
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 0)).status()).isEqualTo(200);
        assertThat(alice.post("/api/attempts/" + id + "/rating", Map.of("rating", 1)).status()).isEqualTo(409);
        assertThat(alice.post("/api/attempts/" + id + "/turns", Map.of("message", "more")).status()).isEqualTo(409);
    }

    @Test
    void requiresConsentBeforeTheFirstAttempt() {
        ApiClient carol = platform.client(platform.addWorker("carol", Role.RED_TEAMER).token());
        assertThat(carol.post("/api/attempts", Map.of("taskDescription", "plan")).status()).isEqualTo(409);
        assertThat(carol.post("/api/consent", Map.of("topics", java.util.List.of("Not a topic"))).status()).isEqualTo(400);
        assertThat(carol.post("/api/consent", Map.of("topics", java.util.List.of("Theft"))).status()).isEqualTo(200);
        assertThat(carol.post("/api/attempts", Map.of("taskDescription", "plan")).status()).isEqualTo(201);
        assertThat(carol.get("/api/campaign").body().get("consentedTopics").get(0).asText()).isEqualTo("Theft");
    }

    @Test
    void rejectsCookieSessionPostsWithoutTheCsrfToken() throws Exception {
        var created = platform.addWorker("dave", Role.RED_TEAMER);
        var signIn = platform.app().store().workers().signIn(created.inviteSecret(), java.util.Optional.empty(), java.util.Optional.empty());
        var http = java.net.http.HttpClient.newHttpClient();
        var withoutToken = java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUrl() + "/api/consent"))
                .header("Cookie", Auth.COOKIE + "=" + signIn.sessionId()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"topics\":[\"Theft\"]}")).build();
        assertThat(http.send(withoutToken, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        var withToken = java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUrl() + "/api/consent"))
                .header("Cookie", Auth.COOKIE + "=" + signIn.sessionId()).header("Content-Type", "application/json")
                .header(Auth.CSRF_HEADER, signIn.csrfToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"topics\":[\"Theft\"]}")).build();
        assertThat(http.send(withToken, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void givesTheCompletionCodeWhenASetIsFinished() {
        int perSet = platform.app().campaigns().campaign().config().attemptsPerSet();
        ApiClient.Response last = null;
        for (int i = 0; i < perSet; i++) {
            long id = alice.startAttempt("plan " + i);
            assertThat(alice.get("/api/attempts/" + id).body().get("setPosition").asInt()).isEqualTo(i + 1);
            alice.turnAndPick(id, 0, "hello " + i, "A");
            last = alice.post("/api/attempts/" + id + "/rating", Map.of("rating", i % 5));
            if (i < perSet - 1) {
                assertThat(last.body().has("completionCode")).isFalse();
            }
        }
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body().get("completionCode").asText()).matches("RT-[A-Z2-9]{10}");
        long next = alice.startAttempt("next set");
        assertThat(alice.get("/api/attempts/" + next).body().get("setPosition").asInt()).isEqualTo(1);
    }
}
