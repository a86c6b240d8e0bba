package org.redteam.backend;

import dev.failsafe.spi.Scheduler;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * What the HTTP calls of one client run on: the clock a Retry-After date is read against, the random
 * numbers of the retry jitter, the scheduler a retry waits on, the threads that read event streams and
 * the timer that stops a stalled one. One per backend (or remote model), never shared through a static.
 * The threads are daemons and end after a while idle, so a client that is dropped without a close leaves
 * none behind (backends have no close today). Thread-safe.
 */
public final class Transport {
    /** Seconds a reader or timer thread waits for work before it ends. */
    private static final long IDLE_SECONDS = 30;

    private final Clock clock;
    private final RandomGenerator random;
    private final ExecutorService readers;
    private final ScheduledExecutorService timers;
    private final Scheduler waits;

    private Transport(Clock clock, RandomGenerator random, Scheduler waits) {
        this.clock = clock;
        this.random = random;
        this.readers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("backend-stream")); // as Executors.newCachedThreadPool, with this idle time
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("backend-timer"));
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true); // a finished stream's watchdog is cancelled; drop it at once
        this.timers = timer;
        // A retry waits on the timer and then starts on a reader thread, so a slow DNS lookup while sending
        // never holds the timer. The first try goes the same way with no wait.
        this.waits = waits != null ? waits : (work, delay, unit) -> timers.schedule(() -> readers.submit(work), delay, unit);
    }

    /** The system clock, a randomly seeded generator, and real waits. */
    public static Transport system() {
        return new Transport(Clock.systemUTC(), new SplittableRandom(), null);
    }

    /**
     * For tests: a fixed or hand-moved clock, a seeded generator, and a scheduler that may record the waits
     * instead of sleeping them. Failsafe runs every try, the first with delay 0, through {@code waits}.
     */
    public static Transport with(Clock clock, RandomGenerator random, Scheduler waits) {
        return new Transport(clock, random, waits);
    }

    Clock clock() {
        return clock;
    }

    /** The jitter source; not thread-safe in general, so {@link Retries} draws from it under its lock. */
    RandomGenerator random() {
        return random;
    }

    ExecutorService readers() {
        return readers;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    Scheduler waits() {
        return waits;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
