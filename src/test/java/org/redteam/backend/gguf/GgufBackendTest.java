package org.redteam.backend.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.problem.BackendUnavailableException;

class GgufBackendTest {
    private static GgufBackend backend;

    @BeforeAll
    static void load() {
        backend = GgufBackend.create("t", GgufModels.spec(GgufModels.stories(), 16));
    }

    @AfterAll
    static void free() {
        if (backend != null) {
            backend.close();
        }
    }

    private static List<Completion> ask(String text, int n, long seed) {
        return backend.complete(new CompletionRequest(List.of(Message.human(text)), n, seed));
    }

    @Test
    void generatesNonEmptyTextWithAFinishReason() {
        Completion c = ask("Tell me a story.", 1, 1).get(0);

        assertThat(c.text()).isNotBlank().doesNotContain("Human:");
        assertThat(c.finishReason()).isIn("stop", "length");
        assertThat(c.backend()).isEqualTo("t/gguf:stories260K.gguf");
    }

    @Test
    void aPromptIsContinuedAsItIsWithoutTheTranscriptLayout() {
        String prompt = "Once upon a time, there was a little girl named";
        backend.completePrompt(prompt, 0); // llama.cpp reuses a cached prompt prefix, which changes the float sums
        Completion raw = backend.completePrompt(prompt, 7);
        Completion again = backend.completePrompt(prompt, 7);
        Completion wrapped = ask(prompt, 1, 7).get(0);

        assertThat(raw.text()).isNotBlank().isEqualTo(again.text()).isNotEqualTo(wrapped.text());
        assertThat(raw.finishReason()).isIn("stop", "length");
        assertThat(raw.backend()).isEqualTo("t/gguf:stories260K.gguf");
    }

    @Test
    void sameSeedGivesTheSameText() {
        ask("Once upon a time", 1, 0); // llama.cpp reuses a cached prompt prefix, which changes the float sums
        List<String> once = texts(ask("Once upon a time", 2, 42));
        List<String> again = texts(ask("Once upon a time", 2, 42));

        assertThat(again).isEqualTo(once);
    }

    @Test
    void theNCompletionsOfOneCallAreSampledWithDifferentSeeds() {
        List<Completion> three = ask("Once upon a time", 3, 5);

        assertThat(three).hasSize(3);
        assertThat(three.stream().map(Completion::text).distinct()).hasSizeGreaterThan(1);
    }

    @Test
    void concurrentCallsAreSerialisedSafely() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Completion>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = 1 + i % 3;
                String question = "question " + i;
                calls.add(pool.submit(() -> ask(question, n, n)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).hasSize(1 + i % 3)
                        .allSatisfy(c -> assertThat(c.text()).doesNotContain("Human:"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsLengthWhenMaxTokensCutsTheTextShort() {
        GgufBackend oneToken = GgufBackend.create("t", GgufModels.spec(GgufModels.stories(), 1));
        try {
            Completion c = oneToken.complete(new CompletionRequest(List.of(Message.human("Once")), 1, 3)).get(0);

            assertThat(c.finishReason()).isEqualTo("length");
        } finally {
            oneToken.close();
        }
    }

    @Test
    void aMissingFileFailsWithItsPath() {
        Path missing = Path.of("no-such-dir", "absent.gguf");
        GgufBackend absent = GgufBackend.create("t", GgufModels.spec(missing, 4));

        assertThatThrownBy(() -> absent.complete(new CompletionRequest(List.of(Message.human("hi")), 1, 1)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("t/gguf:absent.gguf")
                .hasMessageContaining(missing.toAbsolutePath().toString());
    }

    @Test
    void aClosedBackendRefusesRequests() {
        GgufBackend closed = GgufBackend.create("t", GgufModels.spec(GgufModels.stories(), 4));
        closed.close();

        assertThatThrownBy(() -> closed.complete(new CompletionRequest(List.of(Message.human("hi")), 1, 1)))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("closed");
    }

    private static List<String> texts(List<Completion> completions) {
        return completions.stream().map(Completion::text).toList();
    }
}
