package org.redteam.backend;

import java.util.Objects;

/**
 * One response of a model.
 *
 * @param backend      which backend produced it (a target's id and the backend kind; never shown to red teamers)
 * @param latencyMillis wall time of the request that produced it
 * @param finishReason why generation stopped, as the backend reports it ("stop", "length", …)
 */
public record Completion(String text, String backend, long latencyMillis, String finishReason) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
