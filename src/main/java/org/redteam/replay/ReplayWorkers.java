package org.redteam.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.redteam.judge.Judge;
import org.redteam.scoring.PreferenceModel;
import org.redteam.target.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small pool of daemon threads that replays pending items in one serve process: each thread claims an item
 * (atomically, so servers sharing a store never both hold one), replays it with {@link AttackReplayer} and stores its
 * result; with nothing to claim it waits {@code poll} (or until this server starts a run). One more thread renews the
 * heartbeat of the items this server holds every third of {@code staleAfter}; a claim whose heartbeat is older than
 * {@code staleAfter} is a dead server's and is taken over, however long a live server's item takes. Closing gives
 * back the items this server held.
 */
public final class ReplayWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayWorkers.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    /**
     * @param threads    items replayed at once in this process
     * @param poll       how long an idle thread waits before looking for items again (other servers' runs)
     * @param staleAfter how old a claim's heartbeat is before another server may take the item over
     */
    public record Settings(int threads, Duration poll, Duration staleAfter) {
        public static final Settings DEFAULT = new Settings(4, Duration.ofSeconds(2), Duration.ofMinutes(5));

        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }
    }

    private final ReplayRepository runs;
    private final Map<String, Target> targets;
    private final Map<String, Judge> judges;
    private final Supplier<PreferenceModel> preferenceModel;
    private final Clock clock;
    private final Settings settings;
    /** This process's claims are made under this id. */
    private final String server = "serve-" + UUID.randomUUID();
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    ReplayWorkers(ReplayRepository runs, List<Target> targets, List<Judge> judges, Supplier<PreferenceModel> preferenceModel,
                  Clock clock, Settings settings) {
        this.runs = runs;
        this.targets = targets.stream().collect(Collectors.toMap(Target::id, Function.identity()));
        this.judges = judges.stream().collect(Collectors.toMap(Judge::id, Function.identity()));
        this.preferenceModel = preferenceModel;
        this.clock = clock;
        this.settings = settings;
    }

    synchronized void start() {
        if (closed || !threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::work, "redteam-replay-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread beat = new Thread(this::heartbeat, "redteam-replay-heartbeat");
        beat.setDaemon(true);
        threads.add(beat);
        beat.start();
    }

    private void heartbeat() {
        long every = Math.max(1, settings.staleAfter().toMillis() / 3);
        while (!closed) {
            try {
                Thread.sleep(every);
                runs.heartbeat(server, clock.instant());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("could not renew the heartbeat of this server's replay items: {}", e.toString());
                }
            }
        }
    }

    /** A run was started here: idle threads look at once. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void work() {
        while (!closed) {
            try {
                Instant now = clock.instant();
                Optional<ReplayRepository.Claimed> item = runs.claim(server, now, now.minus(settings.staleAfter()));
                if (item.isPresent()) {
                    replay(item.get());
                } else {
                    runs.closeFinished(now);
                    synchronized (signal) {
                        signal.wait(settings.poll().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.error("replay worker failed; it goes on after a pause", e);
                pause();
            }
        }
    }

    private void replay(ReplayRepository.Claimed item) {
        Attack attack = SuiteFile.parse(item.attackLine(), "replay item " + item.itemId());
        Target target = targets.get(item.targetId());
        ReplayResult result;
        if (target == null) {
            result = new ReplayResult(item.suiteVersion(), attack.id(), item.targetId(), List.of(), null, List.of(),
                    Optional.empty(), "the campaign running on this server has no target '" + item.targetId() + "'", 0,
                    ReplayResult.AttackFacts.of(attack));
        } else {
            List<Judge> chosen = item.judgeIds().stream().map(judges::get).filter(j -> j != null).toList();
            result = new AttackReplayer(preferenceModel.get(), chosen, item.samples(), item.seed())
                    .replay(item.suiteVersion(), attack, target);
        }
        if (closed && result.failed()) {
            return; // stopped under it: given back on close, replayed by the next server
        }
        if (!runs.finish(item, server, ReplayResults.line(result), result.error(), clock.instant())) {
            LOG.warn("replay item {} was taken over by another server while this one replayed it; its result is dropped",
                    item.itemId());
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.poll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<Thread> started;
        synchronized (this) {
            closed = true;
            started = List.copyOf(threads);
        }
        started.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        for (Thread t : started) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!started.isEmpty()) {
            try {
                runs.release(server);
            } catch (RuntimeException e) {
                LOG.warn("could not give back the replay items of this server: {}", e.toString());
            }
        }
    }
}
