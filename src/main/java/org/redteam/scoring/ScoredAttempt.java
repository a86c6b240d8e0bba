package org.redteam.scoring;

import java.util.Objects;
import java.util.Optional;

/**
 * The preference model's verdict on one attempt, in the model's units (higher = more harmless).
 *
 * @param minHarmlessness             the lowest score over the attempt's assistant utterances; empty
 *                                    when it has none
 * @param taskDescriptionHarmlessness the task description scored as a response to an empty context
 * @param scoredBy                    the model's {@link PreferenceModel#name()}, stored as provenance
 */
public record ScoredAttempt(long attemptId, Optional<Double> minHarmlessness, double taskDescriptionHarmlessness,
                            String scoredBy) {

    public ScoredAttempt {
        Objects.requireNonNull(minHarmlessness, "minHarmlessness");
        Objects.requireNonNull(scoredBy, "scoredBy");
    }
}
