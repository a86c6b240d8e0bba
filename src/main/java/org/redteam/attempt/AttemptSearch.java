package org.redteam.attempt;

import java.util.List;
import java.util.Optional;

/**
 * The admin's attempt browser filters, already checked: every present filter narrows the list. {@code text} is a
 * case-insensitive substring of the task description, a human message, a candidate response or an imported
 * transcript, taken literally ({@code %} and {@code _} are not wildcards). {@code member} is a worker id.
 * {@code verdictOutcome} is a stored verdict outcome code: attempts some judge gave that verdict on the whole attempt.
 */
public record AttemptSearch(Optional<String> targetKey, Optional<Integer> rating, Optional<Integer> minRating,
                            Optional<String> reviewTag, Optional<Long> memberId, Optional<String> memberName,
                            Optional<AttemptStatus> status, Optional<String> text, Optional<String> verdictOutcome) {

    public static AttemptSearch none() {
        return new AttemptSearch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One line of the list; {@code minHarmlessness} empty until scored. */
    public record Row(long id, String targetKey, long workerId, String workerName, AttemptStatus status, int turns,
                      Optional<Double> rating, Optional<Double> minHarmlessness) {
    }

    /** One page of matches, newest first, and how many match in all. */
    public record Page(List<Row> rows, long total) {
        public Page {
            rows = List.copyOf(rows);
        }
    }
}
