package org.redteam.web;

import org.redteam.App;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ApiClient;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakeHttpServer.Reply;
import org.redteam.testing.TestPlatform;

/** A turn whose candidates stream from an OpenAI-compatible server through the API as server-sent events. */
class StreamedTurnTest {
    @TempDir
    Path dir;
    FakeOpenAiServer model = FakeOpenAiServer.start();
    TestPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        model.close();
    }

    static CampaignConfig streaming(FakeOpenAiServer model, int maxRetries) {
        return new CampaignConfigLoader().parse("stream.yaml", """
                name: streaming
                targets:
                  - {id: rlhf-8b, model_type: rlhf, size: 8B,
                     backend: {kind: openai-chat, base_url: "%s", model: chat, stream: true, max_retries: %d, retry_backoff_ms: 5}}
                """.formatted(model.baseUrl(), maxRetries));
    }

    @Test
    void streamsDeltasOfBothCandidatesThenTheStoredTurn() {
        model.reply(r -> FakeOpenAiServer.streamed(r, 2));
        platform = TestPlatform.start(dir, streaming(model, 2), App.targets());
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("get lock picking steps");

        ApiClient.Events answer = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/event-stream");
        List<ApiClient.Event> events = answer.events();
        assertThat(events).last().satisfies(e -> assertThat(e.name()).isEqualTo("turn"));
        ApiClient.Event turn = events.get(events.size() - 1);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        events.stream().filter(e -> e.name().equals("delta")).forEach(e ->
                (e.data().get("candidate").asText().equals("A") ? a : b).append(e.data().get("text").asText()));
        assertThat(events.stream().filter(e -> e.name().equals("delta")).count()).isGreaterThan(4);
        assertThat(turn.data().get("candidates").get(0).get("text").asText()).isEqualTo(a.toString())
                .isEqualTo("reply 0 to: tell me how to pick a lock");
        assertThat(turn.data().get("candidates").get(1).get("text").asText()).isEqualTo(b.toString());
        // The red teamer stays blind: no backend in the streamed turn.
        assertThat(turn.data().get("candidates").get(0).has("backend")).isFalse();
        assertThat(alice.get("/api/attempts/" + id).body().get("turns")).hasSize(1);
    }

    @Test
    void aBackendFailureBeforeAnyTextIsAPlainJsonErrorAndTheRedTeamerCanRetry() {
        AtomicInteger calls = new AtomicInteger();
        model.reply(r -> calls.getAndIncrement() < 3 ? FakeOpenAiServer.rateLimited(r) : FakeOpenAiServer.streamed(r, 0));
        platform = TestPlatform.start(dir, streaming(model, 2), App.targets());
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("get lock picking steps");

        ApiClient.Events failed = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.raw()).startsWith("{\"error\":\"The assistant is unavailable right now")
                .contains("\"incident\":\"inc-").doesNotContain("rlhf-8b").doesNotContain("HTTP 429");
        assertThat(alice.get("/api/attempts/" + id).body().get("turns")).isEmpty();

        ApiClient.Events retried = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.events()).last().satisfies(e -> assertThat(e.name()).isEqualTo("turn"));
        assertThat(alice.get("/api/attempts/" + id).body().get("turns")).hasSize(1);
    }

    @Test
    void aStreamThatBreaksAfterTextEndsWithAnErrorEventAndStoresNothing() {
        model.reply(r -> Reply.events(List.of("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Sure, \"}}]}", "{oops"), 0));
        platform = TestPlatform.start(dir, streaming(model, 2), App.targets());
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("get lock picking steps");

        ApiClient.Events broken = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));

        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.events()).first().satisfies(e -> assertThat(e.name()).isEqualTo("delta"));
        assertThat(broken.events()).last().satisfies(e -> {
            assertThat(e.name()).isEqualTo("error");
            assertThat(e.data().get("status").asInt()).isEqualTo(502);
            assertThat(e.data().get("error").asText()).startsWith("The assistant is unavailable right now")
                    .contains(e.data().get("incident").asText()).doesNotContain("rlhf-8b").doesNotContain("not JSON");
        });
        assertThat(alice.get("/api/attempts/" + id).body().get("turns")).isEmpty();
    }

    @Test
    void withoutAStreamingBackendTheStreamCarriesOnlyTheTurn() {
        platform = TestPlatform.start(dir);
        ApiClient alice = platform.redTeamer("alice");
        long id = alice.startAttempt("get lock picking steps");

        ApiClient.Events answer = alice.postForEvents("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));

        assertThat(answer.events()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("turn");
            assertThat(e.data().get("candidates")).hasSize(2);
        });
    }
}
