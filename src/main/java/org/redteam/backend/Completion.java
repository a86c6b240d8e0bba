package org.redteam.backend;

import java.util.List;
import java.util.Objects;

/**
 * One response of a model.
 *
 * @param backend      which backend produced it (a target's id and the backend kind; never shown to red teamers)
 * @param latencyMillis wall time of the request that produced it
 * @param finishReason why generation stopped, as the backend reports it ("stop", "length", …)
 * @param samples      under rejection sampling, every sample drawn for this turn with its score (the
 *                     same list on both kept candidates); empty otherwise
 */
public record Completion(String text, String backend, long latencyMillis, String finishReason, List<Sample> samples) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(finishReason, "finishReason");
        samples = List.copyOf(samples);
    }

    public Completion(String text, String backend, long latencyMillis, String finishReason) {
        this(text, backend, latencyMillis, finishReason, List.of());
    }

    public Completion withSamples(List<Sample> drawn) {
        return new Completion(text, backend, latencyMillis, finishReason, drawn);
    }
}
