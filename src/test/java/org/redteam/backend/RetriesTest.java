package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.config.RetryPolicy;
import org.redteam.testing.MutableClock;
import org.redteam.testing.RecordedWaits;

/** The retry rules on scripted outcomes, with a hand-moved clock, recorded waits and chosen random numbers. */
class RetriesTest {
    private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMillis(100));
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    /** nextDouble() is (nextLong() >>> 11) × 2^-53: Long.MIN_VALUE gives 2^52 × 2^-53 = 0.5, zero gives 0. */
    private static final RandomGenerator HALF = () -> Long.MIN_VALUE;
    private static final RandomGenerator ZERO = () -> 0L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final RecordedWaits waits = new RecordedWaits(clock);
    private final AtomicInteger tries = new AtomicInteger();

    @AfterEach
    void stop() {
        waits.close();
    }

    private static Outcome<String, IllegalStateException> busy(Optional<Duration> retryAfter) {
        return new Outcome.Transient<>(new IllegalStateException("busy"), retryAfter);
    }

    private static final Outcome<String, IllegalStateException> BUSY = busy(Optional.empty());
    private static final Outcome<String, IllegalStateException> OK = new Outcome.Ok<>("ok");

    /** Runs the outcomes in order, one per try (the last one repeats), and returns the end of it. */
    @SafeVarargs
    private Outcome<String, IllegalStateException> run(RetryPolicy policy, RandomGenerator random,
                                                       Outcome<String, IllegalStateException>... outcomes) throws Exception {
        Deque<Outcome<String, IllegalStateException>> script = new ArrayDeque<>(List.of(outcomes));
        Retries retries = new Retries(policy, LONGEST_WAIT, Transport.with(clock, random, waits));
        return retries.run(() -> {
            tries.incrementAndGet();
            return CompletableFuture.completedFuture(script.size() > 1 ? script.poll() : script.peek());
        }, (last, count, tooLong) -> new IllegalStateException(last.getMessage() + "; tries " + count + "; too long " + tooLong))
                .get();
    }

    private static String failure(Outcome<String, IllegalStateException> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Permanent.class);
        return ((Outcome.Permanent<String, IllegalStateException>) outcome).failure().getMessage();
    }

    @Test
    void waitsTheBackoffDoubledPerRetryWithJitterFromTheGenerator() throws Exception {
        assertThat(run(TWO_RETRIES, HALF, BUSY, BUSY, OK)).isEqualTo(OK);
        // backoff × 2^retry × (0.75 + 0.5 × u): u = 0.5 gives 100 × 1 × 1 = 100 ms, then 100 × 2 × 1 = 200 ms
        assertThat(waits.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T10:00:00.300Z"));
    }

    @Test
    void theLowestJitterIsThreeQuartersOfTheBackoff() throws Exception {
        run(TWO_RETRIES, ZERO, BUSY, BUSY, OK);
        // u = 0: 100 × 0.75 = 75 ms, then 200 × 0.75 = 150 ms
        assertThat(waits.waits()).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
    }

    /** The waits of two transient failures and a success, with jitter from a generator seeded {@code seed}. */
    private List<Duration> waitsWithSeed(long seed) throws Exception {
        try (RecordedWaits recorded = new RecordedWaits(clock)) {
            Deque<Outcome<String, IllegalStateException>> script = new ArrayDeque<>(List.of(BUSY, BUSY, OK));
            new Retries(TWO_RETRIES, LONGEST_WAIT, Transport.with(clock, new SplittableRandom(seed), recorded))
                    .run(() -> CompletableFuture.completedFuture(script.poll()), (last, count, tooLong) -> last).get();
            return recorded.waits();
        }
    }

    @Test
    void theSameSeedGivesTheSameWaits() throws Exception {
        List<Duration> first = waitsWithSeed(7);

        assertThat(waitsWithSeed(7)).isEqualTo(first);
        SplittableRandom seven = new SplittableRandom(7);
        assertThat(first).containsExactly(TWO_RETRIES.delay(0, seven.nextDouble()), TWO_RETRIES.delay(1, seven.nextDouble()));
        assertThat(waitsWithSeed(8)).isNotEqualTo(first);
    }

    @Test
    void waitsWhatRetryAfterAsksInsteadOfTheBackoff() throws Exception {
        assertThat(run(TWO_RETRIES, HALF, busy(Optional.of(Duration.ofSeconds(7))), OK)).isEqualTo(OK);

        assertThat(waits.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void givesUpAfterTheRetriesSayingHowManyTries() throws Exception {
        assertThat(failure(run(TWO_RETRIES, HALF, BUSY))).isEqualTo("busy; tries 3; too long Optional.empty");
        assertThat(tries).hasValue(3);
    }

    @Test
    void doesNotWaitLongerThanAllowed() throws Exception {
        assertThat(failure(run(TWO_RETRIES, HALF, busy(Optional.of(Duration.ofSeconds(11))), OK)))
                .isEqualTo("busy; tries 1; too long Optional[PT11S]");
        assertThat(tries).hasValue(1);
        assertThat(waits.waits()).isEmpty();
    }

    @Test
    void aBackoffLongerThanAllowedAlsoEndsTheCall() throws Exception {
        // As before the split: the backoff, not only Retry-After, is held against the longest wait.
        RetryPolicy slow = new RetryPolicy(2, Duration.ofSeconds(20));
        assertThat(failure(run(slow, HALF, BUSY, OK))).isEqualTo("busy; tries 1; too long Optional[PT20S]");
    }

    @Test
    void neverRetriesWithNoRetries() throws Exception {
        assertThat(failure(run(RetryPolicy.NEVER, HALF, BUSY, OK))).isEqualTo("busy; tries 1; too long Optional.empty");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aPermanentFailureEndsTheCallAsItIs() throws Exception {
        Outcome<String, IllegalStateException> denied = new Outcome.Permanent<>(new IllegalStateException("denied"));

        assertThat(run(TWO_RETRIES, HALF, BUSY, denied, OK)).isEqualTo(denied);
        assertThat(tries).hasValue(2);
    }

    @Test
    void anExceptionFromATryIsABugAndNotRetried() {
        Retries retries = new Retries(TWO_RETRIES, LONGEST_WAIT, Transport.with(clock, HALF, waits));

        Throwable thrown = catchThrowable(() -> retries.<String, IllegalStateException>run(() -> {
            tries.incrementAndGet();
            return CompletableFuture.failedFuture(new ArithmeticException("bug"));
        }, (last, count, tooLong) -> last).get());

        assertThat(thrown).isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(ArithmeticException.class);
        assertThat(tries).hasValue(1);
    }
}
