package org.redteam.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client IP for the endpoints that take a secret (the invite link's page and its
 * sign-in POST): {@code capacity} attempts at once, refilled at {@code capacity} per {@code period}.
 * In memory, so each server keeps its own buckets: behind N servers a client gets up to N times the
 * rate. The client IP is the connection's address; a proxy in front must not be trusted blindly, so
 * {@code X-Forwarded-For} is ignored. Thread-safe.
 */
final class RateLimiter {
    /** Sign-in attempts per client IP per minute. */
    static final int SIGN_IN_PER_MINUTE = 10;
    /** Buckets kept at most; beyond this, full (idle) buckets are dropped. */
    private static final int MAX_BUCKETS = 100_000;

    private final int capacity;
    private final Duration period;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int capacity, Duration period, Clock clock) {
        this.capacity = capacity;
        this.period = period;
        this.clock = clock;
    }

    static RateLimiter signIn(Clock clock) {
        return new RateLimiter(SIGN_IN_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    /** Before-handler: takes one token for the client, or throws {@link RateLimitedException}. */
    void check(Context ctx) {
        long wait = take(ctx.ip());
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
    }

    /** Takes one token; returns 0 on success, else the whole seconds until one is available (≥ 1). */
    long take(String client) {
        long now = clock.millis();
        if (buckets.size() > MAX_BUCKETS) {
            prune(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            double perMilli = (double) capacity / period.toMillis();
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMilli);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perMilli / 1000));
        }
    }

    private void prune(long now) {
        double perMilli = (double) capacity / period.toMillis();
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.tokens + (now - b.at) * perMilli >= capacity) {
                it.remove();
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** Too many attempts from one client; {@code retryAfterSeconds} until the next is allowed. */
    static final class RateLimitedException extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimitedException(long retryAfterSeconds) {
            super("too many sign-in attempts from your address; wait " + retryAfterSeconds
                    + " seconds and open the invite link again");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
