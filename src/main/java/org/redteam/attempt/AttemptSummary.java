package org.redteam.attempt;

import java.time.Instant;
import java.util.Optional;

/** One line of the admin's attempt list. */
public record AttemptSummary(long id, long workerId, String workerName, String targetId, boolean demo,
                      AttemptStatus status, Optional<Double> rating, int turns, Instant createdAt) {
}
