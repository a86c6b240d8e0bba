package org.redteam.review;

/** Queue size and progress. */
public record QueueStats(int queued, int complete, int answered, int skipped, int claimed) {
}
