package org.redteam.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Token buckets kept in the store's {@code rate_limit} table, so every process on one store shares them:
 * {@code capacity} tokens at once, refilled at {@code capacity} per {@code period}; a bucket not seen
 * before starts full. A take is one transaction: an {@code INSERT … ON CONFLICT DO UPDATE … RETURNING}
 * creates the bucket or locks its row (PostgreSQL) and reads it, then an {@code UPDATE} writes the new
 * level; on SQLite transactions are {@code BEGIN IMMEDIATE}, so writers run one at a time. Servers' clocks may differ
 * a little: a bucket never moves back in time, so a slow clock cannot refill it.
 *
 * <p>Buckets that are full again (untouched for a whole {@code period}) are deleted at most once per
 * {@code period} per instance, so the table holds only clients seen in the last period. Thread-safe.
 */
public final class TokenBuckets {
    /** Sign-in attempts per client address per minute (the invite page and its POST). */
    public static final int SIGN_IN_PER_MINUTE = 10;

    private final Jdbi jdbi;
    private final String name;
    private final int capacity;
    private final long periodMillis;
    private final Clock clock;
    private final AtomicLong lastPrune = new AtomicLong(Long.MIN_VALUE);

    /** @param name the limit's name, the prefix of its buckets' keys ({@code name + ":" + client}) */
    public TokenBuckets(Jdbi jdbi, String name, int capacity, Duration period, Clock clock) {
        if (capacity < 1 || period.toMillis() < 1) {
            throw new IllegalArgumentException("a token bucket needs capacity ≥ 1 and a period ≥ 1 ms");
        }
        this.jdbi = jdbi;
        this.name = name;
        this.capacity = capacity;
        this.periodMillis = period.toMillis();
        this.clock = clock;
    }

    /** The sign-in limit: {@value #SIGN_IN_PER_MINUTE} attempts per client per minute, shared by every server on the store. */
    public static TokenBuckets signIn(Jdbi jdbi, Clock clock) {
        return new TokenBuckets(jdbi, "sign-in", SIGN_IN_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    /** Takes one token from {@code client}'s bucket; returns 0 on success, else the whole seconds until one is available (≥ 1). */
    public long take(String client) {
        long now = clock.millis();
        pruneIfDue(now);
        String bucket = name + ":" + client;
        return jdbi.inTransaction(h -> take(h, bucket, now));
    }

    private long take(Handle h, String bucket, long now) {
        // The no-op update locks an existing row (PostgreSQL) until commit, so no other take reads it
        // meanwhile and a prune cannot delete it between this statement and the next.
        State state = h.createQuery("INSERT INTO rate_limit (bucket, tokens, updated_at) VALUES (:bucket, :capacity, :now) "
                        + "ON CONFLICT (bucket) DO UPDATE SET tokens = rate_limit.tokens RETURNING tokens, updated_at")
                .bind("bucket", bucket).bind("capacity", (double) capacity).bind("now", now)
                .map((rs, ctx) -> new State(rs.getDouble("tokens"), rs.getLong("updated_at")))
                .one();
        double perMilli = (double) capacity / periodMillis;
        long at = Math.max(now, state.updatedAt());
        double tokens = Math.min(capacity, state.tokens() + (at - state.updatedAt()) * perMilli);
        long wait = 0;
        if (tokens >= 1) {
            tokens -= 1;
        } else {
            wait = Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
        }
        h.createUpdate("UPDATE rate_limit SET tokens = :tokens, updated_at = :at WHERE bucket = :bucket")
                .bind("tokens", tokens).bind("at", at).bind("bucket", bucket).execute();
        return wait;
    }

    /** Deletes this limit's buckets untouched for a whole period (full again, so the same as absent). */
    private void pruneIfDue(long now) {
        long last = lastPrune.get();
        if (last != Long.MIN_VALUE && now - last < periodMillis || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        String prefix = name + ":";
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM rate_limit WHERE updated_at <= :before "
                        + "AND substr(bucket, 1, :length) = :prefix")
                .bind("before", now - periodMillis).bind("length", prefix.length()).bind("prefix", prefix).execute());
    }

    private record State(double tokens, long updatedAt) {
    }
}
