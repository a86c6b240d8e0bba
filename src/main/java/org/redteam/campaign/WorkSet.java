package org.redteam.campaign;

import java.util.Optional;

/** A set of attempts as stored. */
public record WorkSet(long id, long workerId, int size, Optional<String> completionCode) {
}
