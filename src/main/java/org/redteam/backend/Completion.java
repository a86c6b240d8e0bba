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
 * @param usage        the tokens of the request that produced it when the backend reports them, else null; a
 *                     request with several choices puts its usage on the first only, so a sum over completions
 *                     counts each request once
 *
 * <p>A NUL character (U+0000) in a model's text becomes U+FFFD: no store can keep it (PostgreSQL's
 * {@code TEXT} refuses it), and refusing the turn would punish the red teamer for the model's output.
 */
public record Completion(String text, String backend, long latencyMillis, String finishReason, List<Sample> samples,
                         TokenUsage usage) {

    public Completion {
        text = withoutNul(Objects.requireNonNull(text, "text"));
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(finishReason, "finishReason");
        samples = List.copyOf(samples);
    }

    public Completion(String text, String backend, long latencyMillis, String finishReason, List<Sample> samples) {
        this(text, backend, latencyMillis, finishReason, samples, null);
    }

    public Completion(String text, String backend, long latencyMillis, String finishReason) {
        this(text, backend, latencyMillis, finishReason, List.of());
    }

    /** {@code text} with every U+0000 replaced by U+FFFD (the replacement character). */
    public static String withoutNul(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    public Completion withSamples(List<Sample> drawn) {
        return new Completion(text, backend, latencyMillis, finishReason, drawn, usage);
    }

    /** This completion carrying {@code tokens} (null: none reported). */
    public Completion withUsage(TokenUsage tokens) {
        return new Completion(text, backend, latencyMillis, finishReason, samples, tokens);
    }

    /**
     * The usage of the request behind {@code n} choices, read from {@code prompt} and {@code completion} token counts
     * that a backend found in its answer (negative: not reported); null when either is missing.
     */
    public static TokenUsage usage(long prompt, long completion) {
        return prompt < 0 || completion < 0 ? null : new TokenUsage(prompt, completion);
    }
}
