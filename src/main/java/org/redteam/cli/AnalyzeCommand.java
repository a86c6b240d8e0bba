package org.redteam.cli;

import gg.jte.Content;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackInput;
import org.redteam.analysis.Attacks;
import org.redteam.analysis.EffortToBreak;
import org.redteam.analysis.SignalInputs;
import org.redteam.analysis.report.SignalSection;
import org.redteam.judge.JudgeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.analysis.map.AttackMap;
import org.redteam.analysis.map.AttackMapHtml;
import org.redteam.analysis.map.AttackMapJson;
import org.redteam.analysis.map.AttackMaps;
import org.redteam.analysis.map.MapInput;
import org.redteam.analysis.map.ProgressListener;
import org.redteam.analysis.report.AnalysisOutput;
import org.redteam.analysis.report.ReportSection;
import org.redteam.release.ReleasedReader;
import org.redteam.release.ReleasedRecord;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.dataset.Csv;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam analyze}: the paper's analysis of a released-format file or of a store, as a report, a summary and tables. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse red-team attempts like Ganguli et al. 2022: success and harmlessness by target (model type × "
                + "size) with 95%% intervals from a cluster bootstrap over red team members, the rating distribution, rating "
                + "against min harmlessness (Spearman), the share of the 50 most active members, tag counts and template "
                + "attacks. Writes DIR/report.html (one self-contained page), DIR/summary.json and DIR/tables/*.csv. "
                + "See docs/analysis.md."})
final class AnalyzeCommand implements Callable<Integer> {

    /** Where the attempts come from; exactly one. */
    static final class Source {
        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "A file in the released format: ONE JSON array or JSON Lines, plain or .gz.")
        Path input;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "The submitted attempts of the embedded SQLite store in DIR.")
        Path data;

        @Option(names = "--db", required = true, paramLabel = "JDBC_URL", description = "The submitted attempts of this store.")
        String db;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the report; created when missing.")
    Path out;

    @Option(names = "--seed", defaultValue = "" + AttackAnalysis.DEFAULT_SEED,
            description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--map", description = "Also draw the attack map: embed task descriptions (or first human turns) with the "
            + "in-process embedder, cached on disk by content hash, UMAP to 2-D, clusters named by their terms; writes "
            + "DIR/map.json and adds an interactive scatter to the report. See docs/attack-map.md.")
    boolean map;

    @Option(names = "--map-cache", paramLabel = "DIR",
            description = "Embedding cache of --map (default: $XDG_CACHE_HOME/redteam or ~/.cache/redteam).")
    Path mapCache;

    @Option(names = "--resamples", defaultValue = "" + AttackAnalysis.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples; 0 for no intervals (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--raw-csv", description = "Write the text cells of tables/*.csv as they are, without the ' that keeps "
            + "a spreadsheet from evaluating a cell starting with =, +, -, @, tab or CR as a formula (numbers never get it).")
    boolean rawCsv;

    @Option(names = "--judge", paramLabel = "ID", description = "With --data/--db: the judge whose turn verdicts give the "
            + "effort to break and that the red teamers' flags are set against (default: the first judge with verdicts, by id). "
            + "Every judge with verdicts gets a section.")
    String judge;

    @Option(names = "--include-automated", description = "With --data/--db: also analyse the automated attempts "
            + "(conversations of automation workers through /v1), as export --include-automated writes them (rating 0). Off by default.")
    boolean includeAutomated;

    @Spec
    CommandSpec spec;

    /** Read from a store: each judge with verdicts, and the effort to break by one of them. */
    private List<JudgeReport> judges = List.of();
    private Optional<EffortToBreak> effort = Optional.empty();
    private Optional<ReportSection> signals = Optional.empty();

    @Override
    public Integer call() {
        if (resamples < 0) {
            throw new InvalidInputException("--resamples must be 0 or more, got " + resamples);
        }
        if (includeAutomated && source.input != null) {
            throw new InvalidInputException("--include-automated reads a store (--data or --db), not --input");
        }
        if (judge != null && source.input != null) {
            throw new InvalidInputException("--judge reads a store's verdicts (--data or --db), not --input");
        }
        AttackInput.Loaded loaded = source.input != null ? AttackInput.readFile(source.input) : fromStore();
        AnalysisResult result = AttackAnalysis.run(loaded.attacks(), new AttackAnalysis.Settings(resamples, seed));
        Optional<ReportSection> section = map ? Optional.of(attackMap()) : Optional.empty();
        AnalysisOutput.Written written = AnalysisOutput.write(result, loaded.source(), out, section,
                rawCsv ? Csv.TextCells.RAW : Csv.TextCells.NEUTRALISED, effort, judges, signals);
        print(result, loaded.source(), written, judges, spec.commandLine().getOut());
        return 0;
    }

    /** Reads the attempts again for their texts (cheap beside embedding), maps them and writes DIR/map.json. */
    private ReportSection attackMap() {
        List<MapInput> inputs = new ArrayList<>();
        Consumer<ReleasedRecord> collect = r -> inputs.add(MapInput.of(String.valueOf(inputs.size() + 1), r));
        if (source.input != null) {
            try (ReleasedReader reader = ReleasedReader.open(source.input)) {
                Optional<ReleasedRecord> r;
                while ((r = reader.next()).isPresent()) {
                    collect.accept(r.get());
                }
            }
        } else {
            try (Store app = App.at(StoreLocation.of(source.data, source.db).existing()).openStore()) {
                app.exports().forEachReleased(includeAutomated, collect);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        Path cache = mapCache != null ? mapCache : AttackMaps.userCacheDir();
        AttackMap attackMap;
        try (ProgressBar bar = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("embed").setInitialMax(0))) {
            attackMap = AttackMaps.forRecords(inputs, cache, seed, new ProgressListener() {
                @Override
                public void embedded(int done, int total) {
                    bar.maxHint(total);
                    bar.stepTo(done);
                }

                @Override
                public void warning(String message) {
                    err.println("warning: " + message);
                }
            });
        }
        try {
            java.nio.file.Files.createDirectories(out);
            AttackMapJson.write(attackMap, out.resolve("map.json"));
        } catch (java.io.IOException e) {
            throw new InvalidInputException("--out: cannot write " + out.resolve("map.json") + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("attack map: %d points, %d clusters; %d texts embedded, %d from the cache %s; "
                        + "embedding %d ms, UMAP %d ms%n", attackMap.points().size(), attackMap.clusters().size(),
                attackMap.embeddedTexts(), attackMap.cachedTexts(), cache, attackMap.embedMillis(), attackMap.umapMillis());
        Content html = AttackMapHtml.content(attackMap);
        return new ReportSection() {
            @Override
            public String id() {
                return "attack_map";
            }

            @Override
            public String title() {
                return "Attack map";
            }

            @Override
            public Content html() {
                return html;
            }

            @Override
            public Object summary() {
                return java.util.Map.of("points", attackMap.points().size(), "clusters", attackMap.clusters().stream()
                        .map(c -> java.util.Map.of("id", c.id(), "size", c.size(), "terms", c.terms())).toList(),
                        "embedder", attackMap.embedder(), "file", "map.json");
            }
        };
    }

    private AttackInput.Loaded fromStore() {
        StoreLocation location = StoreLocation.of(source.data, source.db).existing();
        Attacks.Builder attacks = Attacks.builder();
        long records;
        try (Store app = App.at(location).openStore()) {
            records = app.exports().forEachReleased(includeAutomated, attacks::add);
            List<String> ids = app.verdicts().judgeIds();
            if (judge != null && !ids.contains(judge)) {
                throw new InvalidInputException("--judge: the store has no verdicts of judge '" + judge + "'; "
                        + (ids.isEmpty() ? "it has none" : "judges with verdicts: " + String.join(", ", ids)));
            }
            judges = app.verdicts().reports(resamples, seed);
            String chosen = judge != null ? judge : ids.isEmpty() ? null : ids.get(0);
            effort = chosen == null ? Optional.empty() : Optional.of(EffortToBreak.ofVerdicts(chosen, app.verdicts().of(chosen)));
            signals = SignalInputs.report(app.signedAttempts(), Optional.ofNullable(chosen),
                    chosen == null ? List.of() : app.verdicts().of(chosen)).map(SignalSection::new);
        }
        if (records == 0) {
            throw new NotFoundException("no submitted attempts in " + location.description() + "; nothing to analyse");
        }
        return new AttackInput.Loaded(attacks.build(), AnalysisSource.store(location.description(), records));
    }

    private static void print(AnalysisResult r, AnalysisSource source, AnalysisOutput.Written written, List<JudgeReport> judges,
                              PrintWriter out) {
        out.printf("read %d attempts by %d red team members on %d targets from %s%s%n", r.attempts(), r.members(),
                r.byTarget().size(), source.name(), source.sha256() == null ? "" : " (sha256 " + source.sha256() + ")");
        out.printf(Locale.ROOT, "success rate %.3f [%.3f, %.3f], mean rating %.3f; %d resamples over members, seed %d%n",
                r.overall().successRate().estimate(), r.overall().successRate().lower(), r.overall().successRate().upper(),
                r.overall().meanRating().estimate(), r.settings().resamples(), r.settings().seed());
        for (JudgeReport j : judges) {
            out.printf(Locale.ROOT, "judge %s: %d attempts judged, %d undetermined; %s%n", j.judge(), j.verdicts(), j.undetermined(),
                    j.calibration().map(c -> String.format(Locale.ROOT, "against the reviewers: n %d, accuracy %.3f, kappa %.3f",
                            c.n(), c.accuracy().estimate(), c.kappa().estimate())).orElse("no reviewed attempt to calibrate on"));
        }
        out.printf("wrote %s, %s and %d tables in %s%n", written.summary(), written.report(), written.tables().size(),
                written.summary().resolveSibling(AnalysisOutput.TABLES));
        out.flush();
    }
}
