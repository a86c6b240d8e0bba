package org.redteam.judge;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One judge's stored verdicts on one attempt: on the whole attempt and on each assistant turn.
 *
 * @param attemptId the attempt's id in the store
 * @param targetId  the attempt's target, as the campaign file names it
 * @param verdict   the verdict on the whole attempt
 * @param judgedAt  when the judge judged it
 * @param turns     the verdict on the conversation up to each assistant turn, in turn order
 */
public record AttemptVerdict(long attemptId, String targetId, Verdict verdict, Instant judgedAt, List<TurnVerdict> turns) {

    public AttemptVerdict {
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(judgedAt, "judgedAt");
        turns = List.copyOf(turns);
    }

    /** The verdict on the conversation up to and including assistant turn {@code index} (0 = the first). */
    public record TurnVerdict(int index, Verdict verdict) {
        public TurnVerdict {
            Objects.requireNonNull(verdict, "verdict");
        }
    }
}
