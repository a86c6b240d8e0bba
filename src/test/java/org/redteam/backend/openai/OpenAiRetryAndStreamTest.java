package org.redteam.backend.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.TextStream;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakeOpenAiServer.Reply;

/** Retries of transient failures, and streamed answers, against the fake OpenAI-compatible server. */
class OpenAiRetryAndStreamTest {
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

    private OpenAiBackend chat() {
        return chat(true, false, FAST, Duration.ofSeconds(10));
    }

    /** The first {@code failures} requests get {@code failure}, the rest succeed. */
    private void failFirst(int failures, java.util.function.Function<FakeOpenAiServer.Request, Reply> failure) {
        AtomicInteger seen = new AtomicInteger();
        server.reply(r -> seen.getAndIncrement() < failures ? failure.apply(r) : FakeOpenAiServer.success(r));
    }

    @Test
    void retriesARateLimitAfterTheServersRetryAfter() {
        failFirst(1, r -> FakeOpenAiServer.rateLimited(r).header("Retry-After", "1"));

        List<Completion> completions = chat().complete(new CompletionRequest(CONVERSATION, 2, 1));

        assertThat(completions).hasSize(2);
        List<FakeOpenAiServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        // Retry-After: 1 was honoured rather than the 5 ms backoff (a lower bound, so not timing-flaky).
        assertThat((requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retriesServerErrorsResetConnectionsAndMalformedBodies() {
        failFirst(1, FakeOpenAiServer::serverError);
        assertThat(chat().complete(new CompletionRequest(CONVERSATION, 1, 1))).hasSize(1);

        server.requests();
        failFirst(2, r -> Reply.resetConnection());
        assertThat(chat().complete(new CompletionRequest(CONVERSATION, 1, 1))).hasSize(1);

        failFirst(1, FakeOpenAiServer::malformed);
        assertThat(chat().complete(new CompletionRequest(CONVERSATION, 1, 1))).hasSize(1);

        failFirst(1, r -> FakeOpenAiServer.choices(r, 0)); // well-formed JSON, but no choices
        assertThat(chat().complete(new CompletionRequest(CONVERSATION, 1, 1))).hasSize(1);

        assertThat(server.requests()).hasSize(2 + 3 + 2 + 2);
    }

    @Test
    void givesUpAfterTheConfiguredRetriesAndSaysHowItFailed() {
        server.reply(FakeOpenAiServer::rateLimited);
        assertThatThrownBy(() -> chat().complete(new CompletionRequest(CONVERSATION, 1, 1)))
                .isInstanceOfSatisfying(BackendUnavailableException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.OVERLOADED))
                .hasMessageContaining("rate limited (HTTP 429)")
                .hasMessageContaining("gave up after 3 tries");
        assertThat(server.requests()).hasSize(3);

        server.reply(FakeOpenAiServer::serverError);
        assertThatThrownBy(() -> chat(true, false, RetryPolicy.NEVER, Duration.ofSeconds(10))
                .complete(new CompletionRequest(CONVERSATION, 1, 1)))
                .isInstanceOfSatisfying(BackendUnavailableException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.BAD_GATEWAY))
                .hasMessageContaining("answered HTTP 500")
                .hasMessageNotContaining("tries");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void doesNotRetryAClientErrorATimeoutOrARetryAfterLongerThanTheTimeout() {
        server.reply(r -> new Reply(400, "{\"error\": {\"message\": \"unknown model m\"}}", 0));
        assertThatThrownBy(() -> chat().complete(new CompletionRequest(CONVERSATION, 1, 1)))
                .hasMessageContaining("answered HTTP 400").hasMessageContaining("unknown model m");
        assertThat(server.requests()).hasSize(1);

        server.reply(r -> FakeOpenAiServer.success(r).after(1_500));
        assertThatThrownBy(() -> chat(true, false, FAST, Duration.ofMillis(200)).complete(new CompletionRequest(CONVERSATION, 1, 1)))
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                .hasMessageContaining("no answer within 200 ms");
        assertThat(server.requests()).hasSize(2);

        server.reply(r -> FakeOpenAiServer.rateLimited(r).header("Retry-After", "120"));
        assertThatThrownBy(() -> chat().complete(new CompletionRequest(CONVERSATION, 1, 1)))
                .hasMessageContaining("asks to retry after 120 s, longer than timeout_ms");
        assertThat(server.requests()).hasSize(3);
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

    @Test
    void retriesAStreamThatFailsBeforeItsFirstEventButNotOneThatBreaksLater() {
        AtomicInteger calls = new AtomicInteger();
        server.reply(r -> calls.getAndIncrement() == 0 ? FakeOpenAiServer.rateLimited(r) : FakeOpenAiServer.streamed(r, 0));
        assertThat(chat(true, true, FAST, Duration.ofSeconds(10)).complete(new CompletionRequest(CONVERSATION, 1, 1, (i, t) -> { })))
                .hasSize(1);
        assertThat(server.requests()).hasSize(2);

        StringBuilder seen = new StringBuilder();
        server.reply(r -> Reply.events(List.of(
                "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Sure, \"}}]}", "{not json"), 0));
        assertThatThrownBy(() -> chat(true, true, FAST, Duration.ofSeconds(10))
                .complete(new CompletionRequest(CONVERSATION, 1, 1, (i, t) -> seen.append(t))))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("event 1 is not JSON");
        assertThat(server.requests()).hasSize(3);
        assertThat(seen).hasToString("Sure, ");
    }

    @Test
    void givesUpOnAStreamThatStallsPastTheTimeout() {
        server.reply(r -> FakeOpenAiServer.streamed(r, 400));

        assertThatThrownBy(() -> chat(true, true, FAST, Duration.ofMillis(600))
                .complete(new CompletionRequest(CONVERSATION, 1, 1, (i, t) -> { })))
                .isInstanceOfSatisfying(BackendUnavailableException.class, e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT))
                .hasMessageContaining("did not finish within 600 ms");
    }
}
