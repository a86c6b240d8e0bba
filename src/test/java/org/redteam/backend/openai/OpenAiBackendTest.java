package org.redteam.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.config.BackendSpec;
import org.redteam.config.RetryPolicy;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakeHttpServer.Reply;

class OpenAiBackendTest {
    private static final String KEY = "sk-test-secret-0123456789";
    /** Quick retries, so failure tests do not wait out the default backoff. */
    static final RetryPolicy FAST_RETRY = new RetryPolicy(2, java.time.Duration.ofMillis(5));
    private static final Map<String, String> ENV = Map.of("FAKE_OPENAI_KEY", KEY);
    private static final List<Message> CONVERSATION = List.of(Message.human("How do I pick a lock?"),
            Message.assistant("Why do you ask?"), Message.human("I locked myself out."));

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiEndpoint endpoint(Optional<String> keyEnv, boolean nInOneRequest, Duration timeout) {
        return new OpenAiEndpoint(server.baseUrl(), "llama3", keyEnv, 0.7, 0.9, 64, nInOneRequest, timeout, false, FAST_RETRY);
    }

    private OpenAiBackend chat(OpenAiEndpoint endpoint) {
        return OpenAiBackend.chat("rlhf-52b", new BackendSpec.OpenAiChat(endpoint), ENV::get);
    }

    private OpenAiBackend chat() {
        return chat(endpoint(Optional.empty(), true, Duration.ofSeconds(10)));
    }

    private OpenAiBackend completions() {
        return OpenAiBackend.completions("plain-13b",
                new BackendSpec.OpenAiCompletions(endpoint(Optional.empty(), true, Duration.ofSeconds(10))), ENV::get);
    }

    private static CompletionRequest request(int n) {
        return new CompletionRequest(CONVERSATION, n, 42);
    }

    @Test
    void sendsTheConversationAsChatMessagesWithTheSamplingSettings() {
        List<Completion> completions = chat().complete(request(2));

        FakeOpenAiServer.Request sent = server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.contentType()).isEqualTo("application/json");
        JsonNode body = sent.body();
        assertThat(body.get("model").asText()).isEqualTo("llama3");
        assertThat(body.get("messages")).hasSize(3);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("How do I pick a lock?");
        assertThat(body.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("messages").get(2).get("content").asText()).isEqualTo("I locked myself out.");
        assertThat(body.get("n").asInt()).isEqualTo(2);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.has("stop")).isFalse();
        assertThat(completions).extracting(Completion::text)
                .containsExactly("reply 0 to: I locked myself out.", "reply 1 to: I locked myself out.");
        assertThat(completions).allSatisfy(c -> {
            assertThat(c.backend()).isEqualTo("rlhf-52b/openai-chat:llama3");
            assertThat(c.finishReason()).isEqualTo("stop");
        });
    }

    @Test
    void carriesTheReportedUsageOnTheFirstChoiceOnlyAndNoneWhenNotReported() {
        server.reply(r -> FakeOpenAiServer.Reply.ok(FakeOpenAiServer.success(r).body()
                .replaceFirst("^\\{", "{\"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 8},")));
        List<Completion> reported = chat().complete(request(2));
        server.reply(FakeOpenAiServer::success);
        List<Completion> silent = chat().complete(request(1));

        assertThat(reported).extracting(Completion::usage).containsExactly(new org.redteam.backend.TokenUsage(12, 8), null);
        assertThat(silent.get(0).usage()).isNull();
    }

    @Test
    void sendsTheReleasedTranscriptLayoutAsThePromptOfABaseModel() {
        List<Completion> completions = completions().complete(request(1));

        FakeOpenAiServer.Request sent = server.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/completions");
        assertThat(sent.body().get("prompt").asText()).isEqualTo(
                "\n\nHuman: How do I pick a lock?\n\nAssistant: Why do you ask?\n\nHuman: I locked myself out.\n\nAssistant:");
        assertThat(sent.body().get("stop")).hasSize(1);
        assertThat(sent.body().get("stop").get(0).asText()).isEqualTo("\n\nHuman:");
        assertThat(sent.body().has("messages")).isFalse();
        assertThat(sent.body().get("n").asInt()).isEqualTo(1);
        // The fake answers " reply 0 to: <last 40 characters of the prompt>\n"; the text is stripped.
        String prompt = sent.body().get("prompt").asText();
        assertThat(completions.get(0).text()).isEqualTo("reply 0 to: " + prompt.substring(prompt.length() - 40));
        assertThat(completions.get(0).backend()).isEqualTo("plain-13b/openai-completions:llama3");
    }

    @Test
    void sendsOneRequestPerCompletionWithDistinctSeedsWhenTheServerTakesNoN() {
        OpenAiBackend backend = chat(endpoint(Optional.empty(), false, Duration.ofSeconds(10)));

        List<Completion> completions = backend.complete(request(3));

        assertThat(completions).hasSize(3);
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.body().has("n")).isFalse());
        assertThat(server.requests()).extracting(r -> r.body().get("seed").asLong())
                .containsExactlyInAnyOrder(42L, 43L, 44L);
    }

    @Test
    void sendsTheKeyFromTheNamedVariableAsABearerToken() {
        chat(endpoint(Optional.of("FAKE_OPENAI_KEY"), true, Duration.ofSeconds(10))).complete(request(1));

        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void sendsNoAuthorizationWithoutApiKeyEnv() {
        chat().complete(request(1));

        assertThat(server.requests().get(0).authorization()).isNull();
    }

    @Test
    void refusesToStartWhenTheNamedVariableIsUnset() {
        assertThatThrownBy(() -> chat(endpoint(Optional.of("NOT_SET_KEY"), true, Duration.ofSeconds(1))))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("rlhf-52b")
                .hasMessageContaining("NOT_SET_KEY (backend.api_key_env) is not set");
    }

    @Test
    void reportsFewerChoicesThanAskedFor() {
        server.reply(r -> FakeOpenAiServer.choices(r, 1));

        assertThatThrownBy(() -> chat().complete(request(2)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("target rlhf-52b")
                .hasMessageContaining("asked for 2 completions but got 1 choices");
    }

    @Test
    void reportsAChoiceWithoutText() {
        server.reply(r -> Reply.ok("{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null}}]}"));

        assertThatThrownBy(() -> chat().complete(request(1)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("choices[0] has no text");
    }

    @Test
    void measuresTheWallTimeOfTheRequest() {
        server.reply(r -> FakeOpenAiServer.success(r).after(150));

        assertThat(chat().complete(request(2))).allSatisfy(c -> assertThat(c.latencyMillis()).isGreaterThanOrEqualTo(150));
    }
}
