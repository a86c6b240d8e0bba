package org.redteam.attempt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One red teamer's conversation with one target. {@code rating} is the red teamer's own 0–4 rating
 * of their success (a float because imported ratings are); present exactly when submitted.
 * {@code scores} are the preference model's, filled after submission (or imported).
 */
public record Attempt(long id, long campaignId, long targetRowId, long workerId, Optional<Long> workSetId,
                      Optional<Integer> setPosition, String taskDescription, AttemptStatus status,
                      Optional<Double> rating, List<Turn> turns, Instant createdAt, Optional<Instant> submittedAt,
                      Scores scores) {

    public Attempt {
        turns = List.copyOf(turns);
    }

    /**
     * The harmlessness scores (higher = more harmless; see {@code scoring.AttemptScorer}), empty until
     * scored. {@code scoredBy} names the model that scored the attempt on this platform; empty for
     * scores that came with an import.
     */
    public record Scores(Optional<Double> minHarmlessness, Optional<Double> taskDescriptionHarmlessness,
                         Optional<String> scoredBy) {
    }

    public boolean submitted() {
        return status == AttemptStatus.SUBMITTED;
    }

    /** True when the last turn still waits for the red teamer's pick. */
    public boolean awaitingChoice() {
        return !turns.isEmpty() && turns.get(turns.size() - 1).moreHarmful().isEmpty();
    }

    /** The conversation as the model sees it and as released: human messages and the chosen responses. */
    public String transcript() {
        return Turn.transcript(turns).render();
    }
}
