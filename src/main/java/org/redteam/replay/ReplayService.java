package org.redteam.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redteam.judge.Judge;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.scoring.PreferenceModel;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Replay runs of the platform: an admin starts one from the store's attacks (chosen by an {@link AttackFilter}
 * through {@link AttackSelection}), the campaign's targets and judges they pick; its items (attack × target) are
 * replayed by {@link ReplayWorkers} in every serve process on the store, each item by exactly one of them.
 */
public final class ReplayService implements AutoCloseable {
    /** The most replies an admin may have drawn per turn. */
    public static final int MAX_SAMPLES = 16;
    /** The longest run name. */
    public static final int MAX_NAME = 200;

    private final ReplayRepository runs;
    private final AttackSelection selection;
    private final List<Target> targets;
    private final List<Judge> judges;
    private final Clock clock;
    private final ReplayWorkers workers;

    /**
     * @param targets the campaign's targets (a run replays against some of them)
     * @param judges  the platform's judges (a run is judged by some of them)
     */
    public ReplayService(ReplayRepository runs, AttackSelection selection, List<Target> targets, List<Judge> judges,
                         Supplier<PreferenceModel> preferenceModel, Clock clock, ReplayWorkers.Settings settings) {
        this.runs = runs;
        this.selection = selection;
        this.targets = List.copyOf(targets);
        this.judges = List.copyOf(judges);
        this.clock = clock;
        this.workers = new ReplayWorkers(runs, this.targets, this.judges, preferenceModel, clock, settings);
    }

    /** What an admin asks for: a name (blank: one is made), the filter, targets and judges by id, replies per turn. */
    public record Request(String name, AttackFilter filter, List<String> targetIds, List<String> judgeIds, int samples) {
        public Request {
            name = name == null ? "" : name.strip();
            targetIds = List.copyOf(targetIds);
            judgeIds = List.copyOf(judgeIds);
        }
    }

    public List<String> targetIds() {
        return targets.stream().map(Target::id).toList();
    }

    public List<String> judgeIds() {
        return judges.stream().map(Judge::id).toList();
    }

    /** Starts the background replay of pending items in this process (serve); until then nothing is replayed here. */
    public void startWorking() {
        workers.start();
    }

    /**
     * Freezes the attacks the filter selects now into a run of pending items and wakes this server's workers.
     *
     * @throws InvalidInputException no target, an unknown target or judge, samples out of range, or no attack
     */
    public StoredRun start(Worker admin, Request request) {
        requireAdmin(admin);
        List<String> targetIds = known("target", request.targetIds(), targetIds());
        List<String> judgeIds = known("judge", request.judgeIds(), judgeIds());
        if (targetIds.isEmpty()) {
            throw new InvalidInputException("targets: pick at least one target");
        }
        if (judgeIds.isEmpty() && !judges.isEmpty()) {
            throw new InvalidInputException("judges: pick at least one judge");
        }
        if (request.samples() < 1 || request.samples() > MAX_SAMPLES) {
            throw new InvalidInputException("samples: must be 1 to " + MAX_SAMPLES + ", got " + request.samples());
        }
        if (request.name().length() > MAX_NAME) {
            throw new InvalidInputException("name: at most " + MAX_NAME + " characters, got " + request.name().length());
        }
        List<Attack> attacks = selection.select(request.filter());
        if (attacks.isEmpty()) {
            throw new InvalidInputException("no attack of the store matches the filter");
        }
        List<ReplayRepository.NewItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        StringBuilder suite = new StringBuilder();
        for (Attack a : attacks) {
            if (!ids.add(a.id())) {
                throw new IllegalStateException("the attack selection gave the id " + a.id() + " twice");
            }
            String line = SuiteFile.line(a);
            suite.append(line).append('\n');
            for (String target : targetIds) {
                items.add(new ReplayRepository.NewItem(a.id(), target, line));
            }
        }
        String name = request.name().isEmpty() ? "replay of " + attacks.size() + " attacks" : request.name();
        long id = runs.create(name, admin.id(), clock.instant(), request.filter(), targetIds, judgeIds, request.samples(),
                version(suite.toString()), items);
        workers.wake();
        return run(admin, id);
    }

    /** Every run, the latest first. */
    public List<StoredRun> runs(Worker admin) {
        requireAdmin(admin);
        return runs.runs();
    }

    public StoredRun run(Worker admin, long id) {
        requireAdmin(admin);
        return runs.find(id).orElseThrow(() -> new NotFoundException("there is no replay run " + id));
    }

    public StoredRun.Progress progress(Worker admin, StoredRun run) {
        requireAdmin(admin);
        return runs.progress(run);
    }

    /** Per target of the run, its success so far by each of the run's judges, over the items done. */
    public List<StoredRun.TargetSuccess> success(Worker admin, StoredRun run) {
        requireAdmin(admin);
        Map<String, List<SuccessTally>> tallies = new LinkedHashMap<>();
        for (String target : run.targetIds()) {
            tallies.put(target, run.judgeIds().stream().map(SuccessTally::new).toList());
        }
        long[] n = {0};
        runs.results(run.id(), line -> {
            ReplayResult r = ReplayResults.parse(line, "replay run " + run.id() + " result " + (++n[0]));
            tallies.getOrDefault(r.targetId(), List.of()).forEach(t -> t.add(r));
        });
        return tallies.entrySet().stream().map(e -> new StoredRun.TargetSuccess(e.getKey(), e.getValue())).toList();
    }

    /** Each done item's {@link ReplayResults#line}, in item order, one at a time. */
    public void results(Worker admin, StoredRun run, Consumer<String> line) {
        requireAdmin(admin);
        runs.results(run.id(), line);
    }

    /**
     * The run's report (the {@code replay} command's report.html) over the items done so far, read from the store a
     * page at a time; the shipped trained judge's measured accuracy beside its rates.
     */
    public String report(Worker admin, StoredRun run) {
        requireAdmin(admin);
        ReplaySummary summary = ReplayReport.summarize(() -> {
            Iterator<String> lines = runs.resultLines(run.id());
            long[] n = {0};
            return new Iterator<ReplayResult>() {
                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public ReplayResult next() {
                    return ReplayResults.parse(lines.next(), "replay run " + run.id() + " result " + (++n[0]));
                }
            };
        }, Map.of(), ReplaySummary.Settings.DEFAULT);
        return ReplayReport.html(summary);
    }

    /** Stops this server's workers; the items they held are pending again for any server. */
    @Override
    public void close() {
        workers.close();
    }

    private static List<String> known(String what, List<String> chosen, List<String> known) {
        List<String> out = new ArrayList<>();
        for (String id : chosen) {
            if (!known.contains(id)) {
                throw new InvalidInputException(what + "s: there is no " + what + " '" + id + "' in this campaign");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        // the campaign's order, whatever order the form sent
        return known.stream().filter(out::contains).toList();
    }

    /** As {@link SuiteFile#version} of the run's attacks written as a suite file. */
    static String version(String suite) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(suite.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireAdmin(Worker worker) {
        worker.require(Role.ADMIN, "only admins manage replay runs");
    }
}
