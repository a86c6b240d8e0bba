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
 *
 * <p>A NUL character (U+0000) in a model's text becomes U+FFFD: no store can keep it (PostgreSQL's
 * {@code TEXT} refuses it), and refusing the turn would punish the red teamer for the model's output.
 */
public record Completion(String text, String backend, long latencyMillis, String finishReason, List<Sample> samples) {

    public Completion {
        text = withoutNul(Objects.requireNonNull(text, "text"));
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(finishReason, "finishReason");
        samples = List.copyOf(samples);
    }

    public Completion(String text, String backend, long latencyMillis, String finishReason) {
        this(text, backend, latencyMillis, finishReason, List.of());
    }

    /** {@code text} with every U+0000 replaced by U+FFFD (the replacement character). */
    public static String withoutNul(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    public Completion withSamples(List<Sample> drawn) {
        return new Completion(text, backend, latencyMillis, finishReason, drawn);
    }
}
