package org.redteam.review;

import java.time.Instant;
import java.util.Optional;

/** An attempt in the review queue: its target's row id, when it was submitted, reviews answered so far. */
public record QueuedAttempt(long attemptId, long targetRowId, Optional<Instant> submittedAt, int answered) {
}
