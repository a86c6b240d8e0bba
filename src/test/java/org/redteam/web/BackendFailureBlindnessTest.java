package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redteam.App;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.scoring.PreferenceModel;
import org.redteam.scoring.ScoringException;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ApiClient;
import org.redteam.testing.FakeHttpServer.Reply;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.PageSession;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/**
 * Red teamers are blind to the target, also when its model call fails (issue 13): API, server-sent events
 * and pages say only that the assistant is unavailable, with an incident code and the status the failure
 * always had (502, 503, 504); the target, model, URL and upstream answer are stored with the incident, logged,
 * and shown to admins.
 */
class BackendFailureBlindnessTest {
    /** What the upstream answers: the model name, a key and an internal address, none of it for red teamers. */
    static final String UPSTREAM_BODY = "{\"error\": {\"message\": \"Incorrect API key provided: sk-fake-0123456789abcdef "
            + "for model gpt-secret-name at gateway internal-gw.example\", \"type\": \"invalid_request_error\"}}";
    static final List<String> SECRETS = List.of("secret-target", "gpt-secret-name", "sk-fake", "Incorrect API key",
            "internal-gw", "127.0.0.1:", "/v1/chat", "openai-chat", "HTTP 401", "HTTP 429", "model backend");

    @TempDir
    Path dir;
    final FakeOpenAiServer model = FakeOpenAiServer.start();
    TestPlatform platform;

    /** Where the test keeps its data: SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        model.close();
    }

    void start(boolean stream) {
        start(stream, 20_000);
    }

    /** @param timeoutMillis short only where the test wants a timeout: a loaded machine may take seconds to answer */
    void start(boolean stream, int timeoutMillis) {
        platform = TestPlatform.start(store(), new CampaignConfigLoader().parse("blind.yaml", """
                name: blind
                targets:
                  - {id: secret-target, model_type: rlhf, size: 52B,
                     backend: {kind: openai-chat, base_url: "%s", model: gpt-secret-name, stream: %s, max_retries: 0,
                               timeout_ms: %d}}
                """.formatted(model.baseUrl(), stream, timeoutMillis)), App.targets());
    }

    static Reply answer(String how) {
        return switch (how) {
            case "401" -> new Reply(401, UPSTREAM_BODY, 0);
            case "429" -> new Reply(429, UPSTREAM_BODY, 0);
            case "slow" -> Reply.ok(UPSTREAM_BODY).after(3_000);
            default -> throw new IllegalArgumentException(how);
        };
    }

    @ParameterizedTest
    @CsvSource({"401, 502", "429, 503", "slow, 504"})
    void theApiSaysOnlyThatTheAssistantIsUnavailableWithAnIncidentAndTheSameStatus(String upstream, int status) {
        model.reply(r -> answer(upstream));
        start(false, upstream.equals("slow") ? 300 : 20_000);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("get lock picking steps");

        ApiClient.Response failed = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hello"));

        assertThat(failed.status()).isEqualTo(status);
        String incident = failed.body().get("incident").asText();
        assertThat(incident).matches("inc-[a-z0-9]{10}");
        assertThat(failed.error()).isEqualTo(BackendUnavailableException.UNAVAILABLE + " (incident " + incident + ")");
        assertBlind(failed.raw());
        assertThat(alice.get("/api/attempts/" + id).body().get("turns")).isEmpty();
        JsonNode stored = onlyIncident(adminApi());
        assertThat(stored.get("incident").asText()).isEqualTo(incident);
        assertThat(stored.get("status").asInt()).isEqualTo(status);
        assertThat(stored.get("attemptId").asLong()).isEqualTo(id);
        assertThat(stored.get("workerName").asText()).isEqualTo("alice");
        assertThat(stored.get("targetId").asText()).isEqualTo("secret-target");
        assertThat(stored.get("detail").asText()).startsWith("model backend secret-target failed: target secret-target "
                + "(openai-chat, model gpt-secret-name) at " + model.baseUrl());
    }

    @Test
    void theAdminSeesTheUpstreamAnswerAndTheRedTeamerCannotAskForIt() {
        model.reply(r -> answer("401"));
        start(false);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("plan");
        alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hello"));

        JsonNode stored = onlyIncident(adminApi());

        assertThat(stored.get("detail").asText()).contains("answered HTTP 401").contains("gpt-secret-name").contains("sk-fake");
        ApiClient.Response refused = alice.get("/api/admin/incidents");
        assertThat(refused.status()).isEqualTo(403);
        assertBlind(refused.raw());
    }

    @Test
    void aStreamThatBreaksAfterTextEndsWithAGenericErrorEvent() {
        model.reply(r -> Reply.events(List.of("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Sure, \"}}]}",
                "{oops gpt-secret-name"), 0));
        start(true);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("plan");

        ApiClient.Events broken = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "hello"));

        assertThat(broken.status()).isEqualTo(200);
        ApiClient.Event error = broken.events().get(broken.events().size() - 1);
        assertThat(error.name()).isEqualTo("error");
        assertThat(error.data().get("status").asInt()).isEqualTo(502);
        String incident = error.data().get("incident").asText();
        assertThat(error.data().get("error").asText()).isEqualTo(BackendUnavailableException.UNAVAILABLE + " (incident " + incident + ")");
        assertBlind(error.data().toString());
        assertThat(onlyIncident(adminApi()).get("incident").asText()).isEqualTo(incident);
    }

    @Test
    void aStreamedTurnFailingBeforeAnyTextIsAGenericJsonError() {
        model.reply(r -> answer("429"));
        start(true);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("plan");

        ApiClient.Events failed = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "hello"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.raw()).contains(BackendUnavailableException.UNAVAILABLE).contains("\"incident\":\"inc-");
        assertBlind(failed.raw());
    }

    @Test
    void thePageShowsTheGenericMessageAndTheIncidentAndTheAdminPageTheDetails() {
        model.reply(r -> answer("401"));
        start(false);
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        long id = platform.client(alice.token()).startAttempt("plan");
        PageSession page = PageSession.signIn(platform, alice.inviteSecret());

        HttpResponse<String> failed = page.post("/attempts/" + id + "/turns", "message", "hello there");

        assertThat(failed.statusCode()).isEqualTo(502);
        String incident = onlyIncident(adminApi()).get("incident").asText();
        assertThat(failed.body()).contains(BackendUnavailableException.UNAVAILABLE)
                .contains(incident).contains("hello there");
        assertBlind(failed.body());
        WorkerService.NewWorker ada = platform.addWorker("ada", Role.ADMIN);
        HttpResponse<String> admin = PageSession.signIn(platform, ada.inviteSecret()).get("/admin");
        assertThat(admin.body()).contains("id=\"incidents\"").contains(incident).contains("secret-target")
                .contains("answered HTTP 401").contains("gpt-secret-name");
    }

    @Test
    void aPreferenceModelFailingInRejectionSamplingIsAnIncidentToo() {
        PreferenceModel failing = new PreferenceModel() {
            @Override
            public double harmlessness(String context, String response) {
                throw new ScoringException("remote preference model at http://pm.internal-gw.example/score answered HTTP 500");
            }

            @Override
            public String name() {
                return "failing";
            }
        };
        platform = TestPlatform.start(store(), new CampaignConfigLoader().parse("rs.yaml", """
                name: blind-rs
                targets:
                  - {id: secret-target, model_type: rejection sampling, size: 52B, backend: {kind: demo, seed: 3},
                     interventions: [{kind: rejection-sampling, samples: 4, keep: 2}]}
                """), App.targets(), failing);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("plan");

        ApiClient.Response failed = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hello"));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.error()).startsWith(BackendUnavailableException.UNAVAILABLE).doesNotContainIgnoringCase("rejection");
        assertBlind(failed.raw());
        assertThat(onlyIncident(adminApi()).get("detail").asText())
                .isEqualTo("target secret-target: rejection sampling could not score its samples: "
                        + "remote preference model at http://pm.internal-gw.example/score answered HTTP 500");
    }

    @Test
    void theFailureIsLoggedAtWarnWithItsIncident() {
        model.reply(r -> answer("401"));
        start(false);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("plan");

        String log = capturingStandardError(() -> alice.post("/api/attempts/" + id + "/turns", Map.of("message", "hello")));

        String incident = onlyIncident(adminApi()).get("incident").asText();
        assertThat(log).contains("WARN").contains("incident " + incident).contains("attempt " + id)
                .contains("model backend secret-target failed").contains("answered HTTP 401");
    }

    private ApiClient adminApi() {
        return platform.client(platform.addWorker("admin-" + System.nanoTime(), Role.ADMIN).token());
    }

    private static JsonNode onlyIncident(ApiClient admin) {
        ApiClient.Response r = admin.get("/api/admin/incidents");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("incidents")).hasSize(1);
        return r.body().get("incidents").get(0);
    }

    private static void assertBlind(String redTeamerSees) {
        for (String secret : SECRETS) {
            assertThat(redTeamerSees).as("what the red teamer sees").doesNotContainIgnoringCase(secret);
        }
    }

    /** What the platform's logger (slf4j-simple, which writes to the current standard error) wrote while {@code action} ran. */
    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            original.write(b);
            copy.write(b);
        }
    }
}
