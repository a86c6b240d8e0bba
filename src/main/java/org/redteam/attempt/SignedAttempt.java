package org.redteam.attempt;

/** A submitted platform attempt with its rating and its red teamer's signals (none: {@link Signals#NONE}). */
public record SignedAttempt(long attemptId, double rating, Signals signals) {
}
