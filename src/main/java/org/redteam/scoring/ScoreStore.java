package org.redteam.scoring;

import java.util.List;
import java.util.Optional;

/**
 * Where attempts to score come from and their scores go: the port {@link ScoringService} works
 * through, implemented over the attempt table (so this package stays free of SQL).
 */
public interface ScoreStore {

    /** Which submitted attempts a scoring run takes. */
    enum Scope {
        /**
         * Submitted attempts no model has scored (no {@code scored_by}) that lack a score: attempts
         * with both imported scores are left alone; one missing score is filled, the other kept.
         */
        UNSCORED,
        /** {@link #UNSCORED}, platform attempts only: what {@code serve} catches up on at start. */
        UNSCORED_PLATFORM,
        /** Every submitted attempt; scores are overwritten, imported ones included. */
        ALL;

        /** True when saving overwrites existing scores. */
        public boolean overwrites() {
            return this == ALL;
        }
    }

    /** How many attempts the scope takes now. */
    long count(Scope scope);

    /** Up to {@code limit} attempts of the scope with ids above {@code afterId}, in id order. */
    List<ScoringInput> next(Scope scope, long afterId, int limit);

    /** The attempt, if it exists and is submitted. */
    Optional<ScoringInput> submitted(long attemptId);

    /**
     * Stores the scores in ONE transaction. Without {@code overwrite}, only scores still missing are
     * filled, and only on attempts no model has scored yet.
     */
    void save(List<ScoredAttempt> scores, boolean overwrite);
}
