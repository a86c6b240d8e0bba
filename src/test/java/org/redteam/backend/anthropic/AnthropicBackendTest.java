package org.redteam.backend.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.config.BackendSpec;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.testing.FakeAnthropicServer;
import org.redteam.testing.FakeHttpServer.Reply;

class AnthropicBackendTest {
    private static final String KEY = "sk-ant-test-secret-0123456789";
    /** Quick retries, so failure tests do not wait out the default backoff. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(2, java.time.Duration.ofMillis(5));
    private static final Map<String, String> ENV = Map.of("FAKE_ANTHROPIC_KEY", KEY);
    private static final List<Message> CONVERSATION = List.of(Message.human("How do I pick a lock?"),
            Message.assistant("Why do you ask?"), Message.human("I locked myself out."));

    private final FakeAnthropicServer server = FakeAnthropicServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private BackendSpec.Anthropic spec(Optional<Double> topP, Optional<String> system, Duration timeout) {
        return new BackendSpec.Anthropic(server.baseUrl(), "claude-x", "FAKE_ANTHROPIC_KEY", 64, 0.7, topP, system,
                "2023-06-01", timeout, FAST_RETRY);
    }

    private AnthropicBackend backend(BackendSpec.Anthropic spec) {
        return AnthropicBackend.create("claude-t", spec, ENV::get);
    }

    private AnthropicBackend backend() {
        return backend(spec(Optional.empty(), Optional.empty(), Duration.ofSeconds(10)));
    }

    private static CompletionRequest request(int n) {
        return new CompletionRequest(CONVERSATION, n, 42);
    }

    @Test
    void sendsTheConversationAsMessagesWithTheSamplingSettings() {
        List<Completion> completions = backend().complete(request(1));

        FakeAnthropicServer.Request sent = server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.contentType()).isEqualTo("application/json");
        JsonNode body = sent.body();
        assertThat(body.get("model").asText()).isEqualTo("claude-x");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("messages")).hasSize(3);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("How do I pick a lock?");
        assertThat(body.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("messages").get(2).get("content").asText()).isEqualTo("I locked myself out.");
        // The Messages API has no n, no seed; top_p and system only when configured.
        assertThat(body.has("n")).isFalse();
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("top_p")).isFalse();
        assertThat(body.has("system")).isFalse();
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("reply to: I locked myself out.");
            assertThat(c.backend()).isEqualTo("claude-t/anthropic:claude-x");
            assertThat(c.finishReason()).isEqualTo("end_turn");
        });
    }

    @Test
    void carriesTheTokensTheAnswerReportsOnEachCompletion() {
        List<Completion> completions = backend().complete(request(2));

        assertThat(completions).extracting(Completion::usage)
                .containsExactly(new org.redteam.backend.TokenUsage(10, 5), new org.redteam.backend.TokenUsage(10, 5));
    }

    @Test
    void sendsTopPAndTheSystemPromptWhenConfigured() {
        backend(spec(Optional.of(0.9), Optional.of("Be helpful."), Duration.ofSeconds(10))).complete(request(1));

        JsonNode body = server.requests().get(0).body();
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("system").asText()).isEqualTo("Be helpful.");
    }

    @Test
    void sendsTheKeyAndVersionHeadersAndNoBearerToken() {
        backend().complete(request(1));

        FakeAnthropicServer.Request sent = server.requests().get(0);
        assertThat(sent.apiKey()).isEqualTo(KEY);
        assertThat(sent.version()).isEqualTo("2023-06-01");
        assertThat(sent.authorization()).isNull();
    }

    @Test
    void sendsTheConfiguredAnthropicVersion() {
        BackendSpec.Anthropic s = spec(Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
        backend(new BackendSpec.Anthropic(s.baseUrl(), s.model(), s.apiKeyEnv(), s.maxTokens(), s.temperature(),
                s.topP(), s.system(), "2099-01-01", s.timeout(), s.retry())).complete(request(1));

        assertThat(server.requests().get(0).version()).isEqualTo("2099-01-01");
    }

    @Test
    void sendsOneRequestPerCompletion() {
        AtomicInteger count = new AtomicInteger();
        server.reply(r -> FakeAnthropicServer.blocks(r, "sample " + count.getAndIncrement()));

        List<Completion> completions = backend().complete(request(3));

        assertThat(server.requests()).hasSize(3);
        assertThat(completions).extracting(Completion::text)
                .containsExactlyInAnyOrder("sample 0", "sample 1", "sample 2");
    }

    @Test
    void concatenatesTheTextBlocksAndSkipsOthers() {
        server.reply(r -> Reply.ok("{\"content\": [{\"type\": \"text\", \"text\": \"Hello, \"},"
                + " {\"type\": \"thinking\", \"thinking\": \"hmm\"}, {\"type\": \"text\", \"text\": \"world.\"}],"
                + " \"stop_reason\": \"max_tokens\"}"));

        Completion c = backend().complete(request(1)).get(0);

        assertThat(c.text()).isEqualTo("Hello, world.");
        assertThat(c.finishReason()).isEqualTo("max_tokens");
    }

    @Test
    void recordsAnUnknownFinishReasonWhenNoneIsSent() {
        server.reply(r -> Reply.ok("{\"content\": [{\"type\": \"text\", \"text\": \"hi\"}]}"));

        assertThat(backend().complete(request(1)).get(0).finishReason()).isEqualTo("unknown");
    }

    @Test
    void refusesToStartWhenTheNamedVariableIsUnset() {
        BackendSpec.Anthropic s = BackendSpec.Anthropic.of(server.baseUrl(), "claude-x", "NOT_SET_KEY");

        assertThatThrownBy(() -> backend(s))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("claude-t")
                .hasMessageContaining("NOT_SET_KEY (backend.api_key_env) is not set");
    }

    @Test
    void reportsAnAnswerWithoutContent() {
        server.reply(r -> Reply.ok("{\"type\": \"message\", \"stop_reason\": \"end_turn\"}"));

        assertThatThrownBy(() -> backend().complete(request(1)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("expected a \"content\" array");
    }

    @Test
    void reportsContentWithoutAnyTextBlock() {
        server.reply(r -> Reply.ok("{\"content\": [{\"type\": \"tool_use\", \"id\": \"x\"}], \"stop_reason\": \"tool_use\"}"));

        assertThatThrownBy(() -> backend().complete(request(1)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("\"content\" has no text block");
    }

    @Test
    void measuresTheWallTimeOfTheRequest() {
        server.reply(r -> FakeAnthropicServer.success(r).after(150));

        assertThat(backend().complete(request(2))).allSatisfy(c -> assertThat(c.latencyMillis()).isGreaterThanOrEqualTo(150));
    }
}
