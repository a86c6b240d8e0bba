package org.redteam.web;

import io.javalin.http.Context;
import org.redteam.storage.TokenBuckets;

/**
 * A token bucket per client IP for the endpoints that take a secret (the invite link's page and its
 * sign-in POST): {@code capacity} attempts at once, refilled at {@code capacity} per {@code period}.
 * The buckets are rows of the store ({@link TokenBuckets}), so every server on one database shares them:
 * behind N servers a client still gets the rate once, and a restart forgets nothing. The client IP is
 * the connection's address; a proxy in front must not be trusted blindly, so {@code X-Forwarded-For} is
 * ignored. Thread-safe.
 */
final class RateLimiter {
    private final TokenBuckets buckets;

    RateLimiter(TokenBuckets buckets) {
        this.buckets = buckets;
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
        return buckets.take(client);
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
