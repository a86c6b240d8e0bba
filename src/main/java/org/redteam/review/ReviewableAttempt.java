package org.redteam.review;

/** A submitted attempt that could enter the queue. */
record ReviewableAttempt(long attemptId, long targetRowId, double rating) {
}
