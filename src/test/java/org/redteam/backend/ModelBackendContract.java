package org.redteam.backend;

import org.redteam.conversation.Message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ModelBackend} promises; one subclass per backend kind runs it against that backend
 * (a fake server where the backend talks HTTP).
 */
public abstract class ModelBackendContract {

    /** The backend under test, built for a target named {@code "t"}. */
    protected abstract ModelBackend backend();

    /** The backend id its completions carry, e.g. "t/demo". */
    protected abstract String expectedBackendId();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16})
    void returnsExactlyNCompletions(int n) {
        List<Completion> completions = backend().complete(new CompletionRequest(List.of(Message.human("hello")), n, 1));

        assertThat(completions).hasSize(n);
    }

    @Test
    void recordsTheBackendIdAndAFinishReason() {
        List<Completion> completions = backend().complete(new CompletionRequest(List.of(Message.human("hi")), 2, 3));

        assertThat(completions).allSatisfy(c -> {
            assertThat(c.backend()).isEqualTo(expectedBackendId());
            assertThat(c.finishReason()).isNotBlank();
            assertThat(c.latencyMillis()).isNotNegative();
        });
    }

    @Test
    void answersEightConcurrentCallsEachWithItsOwnCount() throws Exception {
        ModelBackend backend = backend();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Completion>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = 1 + i % 3;
                CompletionRequest request = new CompletionRequest(List.of(Message.human("question " + i)), n, i);
                calls.add(pool.submit(() -> backend.complete(request)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).hasSize(1 + i % 3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsEveryValidConversation() {
        List<List<Message>> conversations = List.of(
                List.of(Message.human("")),
                List.of(Message.human("Héllo \"quoted\" \\ back-slash\n\tnew line 🙂 <b>tag</b>")),
                List.of(Message.human("a\n\nHuman: marker typed by the red teamer\n\nAssistant: too")),
                List.of(Message.human("first"), Message.assistant("answer"), Message.human("second")),
                List.of(Message.assistant("an opening line"), Message.human("then a question")),
                List.of(Message.human("x".repeat(20_000))));

        for (List<Message> conversation : conversations) {
            assertThat(backend().complete(new CompletionRequest(conversation, 2, 7))).hasSize(2);
        }
    }
}
