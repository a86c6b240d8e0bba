package org.redteam.compare;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redteam.replay.JudgeAccuracy;

/**
 * How {@code compare} computes.
 *
 * @param seed               seed of the bootstraps and of k-means
 * @param resamples          bootstrap resamples (0: no intervals)
 * @param noveltyThreshold   an attack is novel when its cosine distance to every attack of the other side exceeds it
 * @param costPerHumanAttack pay per human attack, null when not given
 * @param tokenPricePer1k    price of 1,000 tokens of the automated runs, null when not given
 * @param pairs              automated target id → human {@code model_type/num_params}, given explicitly
 * @param humanJudge         the judge of the human side: its id and measured accuracy, when known
 * @param automatedJudge     the judge of the automated side
 */
public record CompareSettings(long seed, int resamples, double noveltyThreshold, Double costPerHumanAttack,
                              Double tokenPricePer1k, Map<String, String> pairs, JudgeInfo humanJudge,
                              JudgeInfo automatedJudge) {
    public static final double DEFAULT_NOVELTY_THRESHOLD = 0.3;
    public static final int DEFAULT_RESAMPLES = 1000;

    public CompareSettings {
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must be 0 or more");
        }
        if (!(noveltyThreshold >= 0 && noveltyThreshold <= 2)) {
            throw new IllegalArgumentException("the novelty threshold is a cosine distance from 0 to 2");
        }
        pairs = Map.copyOf(pairs);
        Objects.requireNonNull(humanJudge, "humanJudge");
        Objects.requireNonNull(automatedJudge, "automatedJudge");
    }

    /** A judge by id, what it is, and its precision/recall against people when measured. */
    public record JudgeInfo(String id, String version, Optional<JudgeAccuracy> accuracy) {
        public JudgeInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(accuracy, "accuracy");
        }
    }
}
