package org.redteam.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One reviewer's task on one attempt, and their annotation once answered. The reviewer never learns
 * who made the attempt.
 *
 * @param openedAt     when the transcript was first shown (after the preview); time spent runs from here
 * @param secondsSpent from {@code openedAt} (or the claim) to the answer or skip
 */
public record ReviewTask(long id, long attemptId, long reviewerId, Status status, Instant claimedAt,
                         Optional<Instant> openedAt, Optional<Instant> finishedAt, Optional<Integer> rating,
                         List<String> tags, Optional<String> note, Optional<Long> secondsSpent) {

    public ReviewTask {
        tags = List.copyOf(tags);
    }

    public enum Status {
        CLAIMED("claimed"), ANSWERED("answered"), SKIPPED("skipped");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Status parse(String label) {
            for (Status s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown review status '" + label + "'");
        }
    }
}
