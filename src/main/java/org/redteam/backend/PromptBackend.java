package org.redteam.backend;

/**
 * A capability of some backends: continue a prompt exactly as given, without the released "Human: … Assistant:"
 * layout around it. Base models behind a completions endpoint and local GGUF models take the text raw; a chat
 * endpoint takes it as one user message. Judges with their own prompt format (Llama Guard's) use it.
 */
public interface PromptBackend extends ModelBackend {

    /**
     * One completion of {@code prompt}, or throws {@link org.redteam.problem.BackendUnavailableException} naming
     * the backend and what failed.
     */
    Completion completePrompt(String prompt, long seed);
}
