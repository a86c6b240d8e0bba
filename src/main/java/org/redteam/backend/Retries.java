package org.redteam.backend;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.redteam.config.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a call again while its {@link Outcome} is {@link Outcome.Transient}, as a {@link RetryPolicy}
 * says: at most {@code maxRetries} more tries, each after the server's Retry-After or else the policy's
 * backoff with jitter drawn from the transport's {@link RandomGenerator}. A wait longer than
 * {@code longestWait} (the request timeout: the red teamer is already waiting) is not waited for; the
 * call ends there. Built on a Failsafe retry policy whose waits go through the transport's scheduler, so
 * a test with a recording scheduler and a seeded generator sees the same waits every run. Thread-safe.
 */
public final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    /** Words the final failure when the tries are used up or a wait is too long. */
    @FunctionalInterface
    public interface GiveUp<E extends RuntimeException> {
        /**
         * @param tries   how many tries were made, the first included
         * @param tooLong the wait that was asked for (Retry-After or backoff) when it was longer than allowed
         */
        E after(E last, int tries, Optional<Duration> tooLong);
    }

    /** One try's outcome with its number (1 = first) and, when transient, the pause before the next try. */
    private record Tried<T, E extends RuntimeException>(Outcome<T, E> outcome, int tries, Duration pause) {
        boolean again() {
            return outcome instanceof Outcome.Transient;
        }

        String message() {
            return outcome instanceof Outcome.Transient<T, E> t ? t.failure().getMessage() : "";
        }
    }

    private final RetryPolicy policy;
    private final Duration longestWait;
    private final RandomGenerator random;
    private final FailsafeExecutor<Tried<?, ?>> failsafe;

    public Retries(RetryPolicy policy, Duration longestWait, Transport transport) {
        this.policy = policy;
        this.longestWait = longestWait;
        this.random = transport.random();
        dev.failsafe.RetryPolicy<Tried<?, ?>> retries = dev.failsafe.RetryPolicy.<Tried<?, ?>>builder()
                // Outcomes, not exceptions, say what to retry; an exception here is a bug and ends the call.
                .handleIf((tried, exception) -> exception == null && tried.again())
                .withMaxRetries(policy.maxRetries())
                .withDelayFn(context -> context.getLastResult().pause())
                .abortIf(tried -> tried.again() && tooLong(tried.pause()))
                .onRetryScheduled(event -> LOG.warn("{}; retry {} of {} in {} ms", event.getLastResult().message(),
                        event.getLastResult().tries(), policy.maxRetries(), event.getLastResult().pause().toMillis()))
                .build();
        this.failsafe = Failsafe.with(retries).with(transport.waits());
    }

    /**
     * Runs {@code once} until it is {@link Outcome.Ok} or {@link Outcome.Permanent}, or the tries are used
     * up; the last transient failure then becomes permanent as {@code giveUp} words it. The future never
     * completes with a transient outcome.
     */
    public <T, E extends RuntimeException> CompletableFuture<Outcome<T, E>> run(Supplier<CompletableFuture<Outcome<T, E>>> once,
                                                                               GiveUp<E> giveUp) {
        AtomicInteger tried = new AtomicInteger();
        return failsafe.getStageAsync(() -> once.get().thenApply(outcome -> tried(outcome, tried.incrementAndGet())))
                .thenApply(last -> last.outcome() instanceof Outcome.Transient<T, E> t
                        ? new Outcome.Permanent<>(giveUp.after(t.failure(), last.tries(),
                                Optional.of(last.pause()).filter(this::tooLong)))
                        : last.outcome());
    }

    /** Draws the jitter for a transient outcome once, so the wait Failsafe waits is the wait reported. */
    private <T, E extends RuntimeException> Tried<T, E> tried(Outcome<T, E> outcome, int tries) {
        if (!(outcome instanceof Outcome.Transient<T, E> t)) {
            return new Tried<>(outcome, tries, Duration.ZERO);
        }
        return new Tried<>(outcome, tries, t.retryAfter().orElseGet(() -> policy.delay(tries - 1, unit())));
    }

    /** A uniform draw in [0, 1); any RandomGenerator may be passed, so draws are serialised here. */
    private double unit() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private boolean tooLong(Duration wait) {
        return wait.compareTo(longestWait) > 0;
    }
}
