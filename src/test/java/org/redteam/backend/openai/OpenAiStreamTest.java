package org.redteam.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.TextStream;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.config.RetryPolicy;
import org.redteam.testing.FakeOpenAiServer;

/**
 * Streamed answers of the OpenAI endpoints against the fake server: several choices interleaved, separate
 * requests, the completions endpoint's stripping. Retries, timeouts and broken streams are in
 * {@link OpenAiHttpContractTest}.
 */
class OpenAiStreamTest {
    private static final List<Message> CONVERSATION = List.of(Message.human("tell me how to pick a lock"));
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5));
    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiBackend chat(boolean nInOneRequest, boolean stream, RetryPolicy retry, Duration timeout) {
        return OpenAiBackend.chat("rlhf-8b", new BackendSpec.OpenAiChat(new OpenAiEndpoint(server.baseUrl(), "m",
                Optional.empty(), 1.0, 1.0, 64, nInOneRequest, timeout, stream, retry)), name -> null);
    }

    @Test
    void streamsTheTextOfEveryChoiceAsItComesAndReturnsTheSameCompletions() {
        server.reply(r -> FakeOpenAiServer.streamed(r, 0));
        Map<Integer, StringBuilder> seen = new ConcurrentHashMap<>();
        TextStream listener = (i, text) -> seen.computeIfAbsent(i, k -> new StringBuilder()).append(text);

        List<Completion> completions = chat(true, true, FAST, Duration.ofSeconds(10))
                .complete(new CompletionRequest(CONVERSATION, 2, 1, listener));

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.stream()).isTrue();
            assertThat(r.n()).isEqualTo(2);
        });
        assertThat(completions).extracting(Completion::text)
                .containsExactly("reply 0 to: tell me how to pick a lock", "reply 1 to: tell me how to pick a lock");
        assertThat(completions).allSatisfy(c -> assertThat(c.finishReason()).isEqualTo("stop"));
        assertThat(seen.get(0)).hasToString(completions.get(0).text());
        assertThat(seen.get(1)).hasToString(completions.get(1).text());
    }

    @Test
    void streamsSeparateRequestsUnderTheirOwnIndexes() {
        server.reply(r -> FakeOpenAiServer.streamed(r, 0));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        List<Completion> completions = chat(false, true, FAST, Duration.ofSeconds(10))
                .complete(new CompletionRequest(CONVERSATION, 2, 1, (i, text) -> seen.add(i + ":" + text)));

        assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r.stream()).isTrue());
        assertThat(seen).anyMatch(s -> s.startsWith("0:")).anyMatch(s -> s.startsWith("1:"));
        assertThat(completions).hasSize(2);
    }

    @Test
    void streamsTheCompletionsEndpointStrippedLikeTheUnstreamedText() {
        server.reply(r -> FakeOpenAiServer.streamed(r, 0));
        StringBuilder seen = new StringBuilder();
        OpenAiBackend base = OpenAiBackend.completions("plain-8b", new BackendSpec.OpenAiCompletions(new OpenAiEndpoint(
                server.baseUrl(), "base", Optional.empty(), 1.0, 1.0, 64, true, Duration.ofSeconds(10), true, FAST)), n -> null);

        Completion c = base.complete(new CompletionRequest(CONVERSATION, 1, 1, (i, text) -> seen.append(text))).get(0);

        assertThat(c.text()).startsWith("reply 0 to: ").doesNotEndWith("\n");
        assertThat(seen.toString().strip()).isEqualTo(c.text());
        assertThat(seen.toString()).doesNotStartWith(" ");
    }

    @Test
    void asksForNoStreamWhenNobodyListensOrStreamingIsOff() {
        chat(true, true, FAST, Duration.ofSeconds(10)).complete(new CompletionRequest(CONVERSATION, 1, 1));
        chat(true, false, FAST, Duration.ofSeconds(10)).complete(new CompletionRequest(CONVERSATION, 1, 1, (i, t) -> { }));

        assertThat(server.requests()).hasSize(2).noneMatch(FakeOpenAiServer.Request::stream);
    }

}
