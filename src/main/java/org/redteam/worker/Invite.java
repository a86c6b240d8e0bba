package org.redteam.worker;

import java.time.Instant;
import java.util.Optional;

/** An invite as stored, for telling the person why a link no longer works. */
record Invite(long workerId, Instant expiresAt, Optional<Instant> usedAt) {
}
