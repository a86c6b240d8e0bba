package org.redteam.backend;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What one try of an HTTP call came to, as a value: the result, a failure worth another try (with the
 * server's Retry-After when it sent one), or a failure that another try would not mend. {@link Retries}
 * decides on these; nothing is thrown to say "try again".
 *
 * @param <T> the result
 * @param <E> the exception that reports a failure to the caller, e.g. BackendUnavailableException
 */
public sealed interface Outcome<T, E extends RuntimeException> {

    record Ok<T, E extends RuntimeException>(T value) implements Outcome<T, E> {
    }

    /** A 429, 5xx, reset connection or malformed answer: another try may succeed. */
    record Transient<T, E extends RuntimeException>(E failure, Optional<Duration> retryAfter) implements Outcome<T, E> {
        public Transient(E failure) {
            this(failure, Optional.empty());
        }
    }

    /** A 4xx, a timeout, or a failure after text was passed on: reported as it is. */
    record Permanent<T, E extends RuntimeException>(E failure) implements Outcome<T, E> {
    }

    /** The next step on a result; a failure stays the same failure. */
    default <R> Outcome<R, E> then(Function<T, Outcome<R, E>> next) {
        if (this instanceof Ok<T, E> ok) {
            return next.apply(ok.value());
        }
        if (this instanceof Transient<T, E> t) {
            return new Transient<>(t.failure(), t.retryAfter());
        }
        return new Permanent<>(((Permanent<T, E>) this).failure());
    }

    /** The result, or a future failed with the failure (for callers that wait with {@code get}). */
    default CompletableFuture<T> settled() {
        if (this instanceof Ok<T, E> ok) {
            return CompletableFuture.completedFuture(ok.value());
        }
        return CompletableFuture.failedFuture(this instanceof Transient<T, E> t ? t.failure() : ((Permanent<T, E>) this).failure());
    }
}
