package org.redteam.judge;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.PromptBackend;
import org.redteam.config.BackendSpec;
import org.redteam.conversation.Message;

/**
 * A judge's model: one prompt in, the model's text out, with at most {@code inFlight} requests of this judge
 * at once (a fair semaphore: waiting callers are served in order). A backend that takes prompts as they are
 * ({@link PromptBackend}) gets the prompt raw (completions endpoints, GGUF) or as one user message (chat
 * endpoints); any other backend (Anthropic) gets it as one human message.
 */
final class ModelCalls {
    private final ModelBackend backend;
    private final Semaphore inFlight;
    private final int limit;

    ModelCalls(ModelBackend backend, int inFlight) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (inFlight < 1) {
            throw new IllegalArgumentException("in_flight must be at least 1, not " + inFlight);
        }
        this.inFlight = new Semaphore(inFlight, true);
        this.limit = inFlight;
    }

    /** The model's answer; a backend failure is thrown as the backend threw it. */
    String ask(String prompt, long seed) throws InterruptedException {
        inFlight.acquire();
        try {
            if (backend instanceof PromptBackend raw) {
                return raw.completePrompt(prompt, seed).text();
            }
            return backend.complete(new CompletionRequest(List.of(Message.human(prompt)), 1, seed)).get(0).text();
        } finally {
            inFlight.release();
        }
    }

    /** True when the backend continues the prompt as text (no chat template of the server around it). */
    static boolean raw(BackendSpec spec) {
        return spec instanceof BackendSpec.OpenAiCompletions || spec instanceof BackendSpec.Gguf;
    }

    /** The model a backend serves, for a judge's version: the model name, or the GGUF file's name. */
    static String model(BackendSpec spec) {
        if (spec instanceof BackendSpec.OpenAiChat chat) {
            return chat.endpoint().model();
        }
        if (spec instanceof BackendSpec.OpenAiCompletions completions) {
            return completions.endpoint().model();
        }
        if (spec instanceof BackendSpec.Anthropic anthropic) {
            return anthropic.model();
        }
        if (spec instanceof BackendSpec.Gguf gguf) {
            return String.valueOf(gguf.path().getFileName());
        }
        return spec.kind();
    }

    /** At most {@code max} characters of a model's answer, on one line, for a rationale. */
    static String excerpt(String answer, int max) {
        String line = answer.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** The message of a failure, or its class when it has none. */
    static String reason(RuntimeException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The most requests this judge's model gets at once ({@code in_flight}). */
    int limit() {
        return limit;
    }
}
