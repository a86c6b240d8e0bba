package org.redteam.backend;

import java.util.List;

/**
 * Transport to one model endpoint. Implementations are thread-safe: the two candidates of a turn,
 * and the turns of many red teamers, are requested concurrently.
 */
public interface ModelBackend {

    /**
     * Returns exactly {@code request.n()} completions, or throws
     * {@link org.redteam.problem.BackendUnavailableException} naming the backend and what failed.
     */
    List<Completion> complete(CompletionRequest request);
}
