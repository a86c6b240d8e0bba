package org.redteam.testing;

import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler retries wait on, for tests: a wait is recorded and the {@link MutableClock} moved by it
 * instead of slept, and the work runs at once on this scheduler's own thread. So a test of Retry-After or
 * backoff takes no wall time and can assert the exact waits. Waits of zero (the first try) are not recorded.
 */
public final class RecordedWaits implements Scheduler, AutoCloseable {
    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor runner = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "recorded-waits");
        t.setDaemon(true);
        return t;
    });

    public RecordedWaits(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> work, long delay, TimeUnit unit) {
        if (delay > 0) {
            Duration wait = Duration.ofNanos(unit.toNanos(delay));
            waits.add(wait);
            clock.advance(wait);
        }
        return runner.schedule(work, 0, TimeUnit.NANOSECONDS);
    }

    /** The waits asked for so far, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
