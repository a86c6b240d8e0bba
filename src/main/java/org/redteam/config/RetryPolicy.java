package org.redteam.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a backend retries transient failures (429 with Retry-After, 5xx, reset connections, malformed
 * answers): at most {@code maxRetries} more tries, waiting {@code backoff}, then twice that, and so on,
 * with jitter, or what the server's Retry-After asks for when it is no longer than the request timeout.
 * Applied by {@code backend.Retries} (a Failsafe retry policy), which draws the jitter from an injected
 * generator.
 *
 * @param maxRetries tries after the first; 0 = never retry ({@code max_retries})
 * @param backoff    the wait before the first retry ({@code retry_backoff_ms})
 */
public record RetryPolicy(int maxRetries, Duration backoff) {
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_RETRIES, DEFAULT_BACKOFF);
    public static final RetryPolicy NEVER = new RetryPolicy(0, DEFAULT_BACKOFF);
    public static final int MAX_RETRIES_LIMIT = 10;

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException("maxRetries must be 0.." + MAX_RETRIES_LIMIT + ", got " + maxRetries);
        }
    }

    /** The wait before retry number {@code retry} (0-based): backoff × 2^retry, ±25 % jitter from {@code unit} in [0, 1). */
    public Duration delay(int retry, double unit) {
        double base = backoff.toMillis() * Math.pow(2, Math.min(retry, 20));
        return Duration.ofMillis(Math.round(base * (0.75 + 0.5 * unit)));
    }
}
