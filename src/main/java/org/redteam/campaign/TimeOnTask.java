package org.redteam.campaign;

import java.time.Duration;

/**
 * Time on task from a worker's activity events (pings of a visible, used page and the actions the platform
 * records), in time order: the sum of the gaps between consecutive events, where a gap over {@link #IDLE_GAP} is not
 * counted. The paper paid its crowd for time on task; a longer gap means the person was away (the page stops pinging
 * after a minute without input), so it is idle time, not work. Not thread-safe; one per worker.
 */
final class TimeOnTask {
    /** Gaps longer than this are idle time; a gap of exactly five minutes still counts. */
    static final Duration IDLE_GAP = Duration.ofMinutes(5);

    private long previous = Long.MIN_VALUE;
    private long millis;

    /** Adds the event at {@code at} (epoch milliseconds), which is not before the previous one. */
    void add(long at) {
        if (previous != Long.MIN_VALUE) {
            long gap = at - previous;
            if (gap < 0) {
                throw new IllegalArgumentException("events out of order: " + at + " after " + previous);
            }
            if (gap <= IDLE_GAP.toMillis()) {
                millis += gap;
            }
        }
        previous = at;
    }

    Duration total() {
        return Duration.ofMillis(millis);
    }

    /** Whole minutes, rounded half up (29.5 s and more count as a minute), the unit pay is computed in. */
    static long minutes(Duration time) {
        return (time.toMillis() + 30_000) / 60_000;
    }
}
