package org.redteam.replay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A replay started from the admin pages: the store's attacks chosen by {@code filter}, each replayed against every
 * target of {@code targetIds} and judged by every judge of {@code judgeIds} (in that order), one item per attack ×
 * target.
 *
 * @param suiteVersion what its results name as their suite: 16 hex digits of the SHA-256 of its attacks as suite lines
 * @param status       {@code running} until every item is done, then {@code done}
 * @param total        items made at the start (attacks × targets)
 */
public record StoredRun(long id, String name, long createdBy, Instant createdAt, AttackFilter filter, List<String> targetIds,
                        List<String> judgeIds, int samples, String suiteVersion, String status, long total,
                        Optional<Instant> finishedAt) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    public StoredRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
        targetIds = List.copyOf(targetIds);
        judgeIds = List.copyOf(judgeIds);
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    public boolean done() {
        return DONE.equals(status);
    }

    /**
     * How far a run has got.
     *
     * @param done    items replayed (with or without an error)
     * @param errors  of those, items whose backend failed
     * @param running items a server is replaying now
     */
    public record Progress(long total, long done, long errors, long running) {
        /** Whole percent of items done (100 for an empty run). */
        public int percent() {
            return total == 0 ? 100 : (int) (100 * done / total);
        }
    }

    /** One target's success so far by each of the run's judges ({@link SuccessTally}), in the run's judge order. */
    public record TargetSuccess(String targetId, List<SuccessTally> byJudge) {
        public TargetSuccess {
            byJudge = List.copyOf(byJudge);
        }
    }
}
