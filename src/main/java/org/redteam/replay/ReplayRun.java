package org.redteam.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.redteam.judge.Judge;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.target.Target;

/**
 * One replay of a suite against targets into a folder: every attack × target not yet done is replayed by an
 * {@link AttackReplayer}, at most {@code concurrency} at once, the suite read a line at a time (memory stays flat
 * with its size), each result appended to {@code results.jsonl} as it finishes ({@link ResultsFile}). The folder's
 * {@code run.json} names the suite version, the targets and the judges, so a resumed run refuses other ones.
 * {@link #stop} stops taking items; the ones in flight finish and are written.
 */
public final class ReplayRun {
    public static final String RESULTS = "results.jsonl";
    public static final String RUN = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told of progress: items done so far (those done by an earlier run included) of all. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    /**
     * @param items   attack × target pairs of the suite
     * @param earlier done by an earlier run (skipped)
     * @param ran     replayed by this run
     * @param errors  of those, how many ended in an error
     * @param stopped whether {@link #stop} ended the run early
     */
    public record Outcome(long items, long earlier, long ran, long errors, boolean stopped) {
    }

    private final ReplaySetup setup;
    private final AttackReplayer replayer;
    private final int concurrency;
    private volatile boolean stopping;
    private final CountDownLatch ended = new CountDownLatch(1);

    public ReplayRun(ReplaySetup setup, int samples, long seed, int concurrency) {
        if (concurrency < 1) {
            throw new InvalidInputException("--concurrency must be at least 1, not " + concurrency);
        }
        this.setup = setup;
        this.replayer = new AttackReplayer(setup.preferenceModel(), setup.judges(), samples, seed);
        this.concurrency = concurrency;
    }

    /** A run of other work than a suite ({@link #run(RunWork, Path, boolean, Progress)}), one reply per turn. */
    public ReplayRun(ReplaySetup setup, int concurrency) {
        this(setup, 1, 0, concurrency);
    }

    /** Stops taking items; those in flight finish and are written. */
    public void stop() {
        stopping = true;
    }

    /** Waits up to {@code millis} for {@link #run} to have written its last line and closed its file. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    public Outcome run(Path suite, Path dir, boolean resume, Progress progress) {
        RunWork work;
        try {
            work = new SuiteWork(suite, replayer);
        } catch (RuntimeException e) {
            ended.countDown();
            throw e;
        }
        return run(work, dir, resume, progress);
    }

    /** Runs {@code work}'s attacks × the setup's targets into {@code dir}, as a suite's replay does. */
    public Outcome run(RunWork work, Path dir, boolean resume, Progress progress) {
        try {
            return runOrThrow(work, dir, resume, progress);
        } finally {
            ended.countDown();
        }
    }

    private Outcome runOrThrow(RunWork work, Path dir, boolean resume, Progress progress) {
        String version = work.version();
        long attacks = work.attacks();
        Path results = dir.resolve(RESULTS);
        ResultsFile.Done done = prepare(dir, results, version, resume);
        long total = attacks * setup.targets().size();
        AtomicLong finished = new AtomicLong(done.size());
        AtomicLong ran = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        progress.update(finished.get(), total);
        Semaphore inFlight = new Semaphore(concurrency);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "replay");
            t.setDaemon(true);
            return t;
        });
        try (ResultsFile out = ResultsFile.append(results); RunWork.Items reader = work.open()) {
            items:
            while (reader.hasNext()) {
                RunWork.Item attack = reader.next();
                for (Target target : setup.targets()) {
                    if (stopping || fatal.get() != null) {
                        break items;
                    }
                    if (done.contains(attack.id(), target.id())) {
                        continue;
                    }
                    if (!acquire(inFlight)) {
                        break items;
                    }
                    pool.execute(() -> {
                        try {
                            ReplayResult r = runOne(version, attack, target);
                            out.write(r);
                            ran.incrementAndGet();
                            if (r.failed()) {
                                errors.incrementAndGet();
                            }
                            progress.update(finished.incrementAndGet(), total);
                        } catch (RuntimeException e) {
                            fatal.compareAndSet(null, e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            pool.shutdown();
            awaitQuietly(pool);
        } finally {
            pool.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return new Outcome(total, done.size(), ran.get(), errors.get(), stopping);
    }

    /** The item done; anything but the target's failure (which the item records) also ends as the item's error. */
    private static ReplayResult runOne(String version, RunWork.Item attack, Target target) {
        long start = System.nanoTime();
        try {
            return attack.run(target);
        } catch (RuntimeException e) {
            return new ReplayResult(version, attack.id(), target.id(), List.of(), null, List.of(), Optional.empty(),
                    e.getMessage() == null ? e.getClass().getName() : e.getMessage(),
                    (System.nanoTime() - start) / 1_000_000, attack.facts());
        }
    }

    private boolean acquire(Semaphore inFlight) {
        try {
            while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopping) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // items in flight finish and are written
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks the folder against this run and writes its run.json; returns what an earlier run finished. */
    private ResultsFile.Done prepare(Path dir, Path results, String version, boolean resume) {
        try {
            Files.createDirectories(dir);
            boolean earlier = Files.exists(results) && Files.size(results) > 0;
            if (earlier && !resume) {
                throw new StateConflictException(results + " already holds results: use --resume or another --out");
            }
            ResultsFile.Done done = resume ? ResultsFile.recover(results) : ResultsFile.Done.none();
            Map<String, Object> run = runJson(version);
            Path runFile = dir.resolve(RUN);
            if (resume && Files.exists(runFile)) {
                JsonNode before = JSON.readTree(runFile.toFile());
                refuseChange("suite", before.path("suite").asText(), version);
                refuseChange("targets", before.path("targets").toString(), JSON.valueToTree(run.get("targets")).toString());
                refuseChange("judges", before.path("judges").toString(), JSON.valueToTree(run.get("judges")).toString());
            }
            for (String v : done.suites()) {
                refuseChange("suite", v, version);
            }
            for (String t : done.targets()) {
                if (setup.targets().stream().noneMatch(target -> target.id().equals(t))) {
                    throw new StateConflictException("--resume: " + results + " has results for target " + t
                            + ", which this run does not replay; give the same --targets or another --out");
                }
            }
            Path tmp = dir.resolve(RUN + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), run);
            Files.move(tmp, runFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void refuseChange(String what, String before, String now) {
        if (!before.equals(now)) {
            throw new StateConflictException("--resume: the " + what + " changed since the results were written ("
                    + before + ", now " + now + "); replay into another --out");
        }
    }

    private Map<String, Object> runJson(String version) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("suite", version);
        run.put("targets", setup.targets().stream().map(Target::id).toList());
        List<String> judges = new ArrayList<>();
        for (Judge j : setup.judges()) {
            judges.add(j.id());
        }
        run.put("judges", judges);
        return run;
    }
}
