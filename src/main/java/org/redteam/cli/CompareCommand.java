package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.analysis.map.AttackMaps;
import org.redteam.analysis.map.EmbedderSource;
import org.redteam.analysis.map.ProgressListener;
import org.redteam.campaign.Payments;
import org.redteam.compare.CompareInputs;
import org.redteam.compare.CompareItem;
import org.redteam.compare.CompareReport;
import org.redteam.compare.CompareResult;
import org.redteam.compare.CompareSettings;
import org.redteam.compare.Comparison;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.Judge;
import org.redteam.judge.TrainedJudge;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedReader;
import org.redteam.release.ReleasedRecord;
import org.redteam.replay.JudgeAccuracy;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam compare}: human against automated red teaming on one page (docs/automated.md). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Human vs automated red teaming, side by side: success rate per target by the judge with 95% "
                + "intervals and its measured precision/recall, diversity (mean pairwise embedding distance of first "
                + "human turns, clusters and tags covered, near-duplicate templates), novelty, turns and tokens to "
                + "first success, cost per success. Writes DIR/compare.json and DIR/compare.html. See docs/automated.md."})
final class CompareCommand implements Callable<Integer> {

    /** Where the human attacks come from; exactly one. */
    static final class Human {
        @Option(names = "--human", required = true, paramLabel = "FILE",
                description = "Human attacks in the released format, judged now by the shipped trained judge.")
        Path file;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "The submitted attempts of this SQLite store.")
        Path data;

        @Option(names = "--db", required = true, paramLabel = "JDBC_URL", description = "The submitted attempts of this store.")
        String db;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Human human;

    @Option(names = "--automated", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Output folders of replay or attack (their results.jsonl).")
    List<Path> automated;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Folder for compare.json and compare.html.")
    Path out;

    @Option(names = "--judge", paramLabel = "ID", description = "The judge whose verdicts count: of the automated results "
            + "and, with --data/--db, the store's stored verdicts (without it people's attempts are judged now by the shipped judge).")
    String judge;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstraps and k-means (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "" + CompareSettings.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples; 0 for no intervals (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--novelty-threshold", defaultValue = "" + CompareSettings.DEFAULT_NOVELTY_THRESHOLD, paramLabel = "X",
            description = "Cosine distance beyond which an attack is novel (default: ${DEFAULT-VALUE}).")
    double noveltyThreshold;

    @Option(names = "--cost-per-human-attack", paramLabel = "X", description = "Pay per human attack, for the cost per success.")
    Double costPerHumanAttack;

    @Option(names = "--token-price-per-1k", paramLabel = "X", description = "Price of 1,000 tokens of the automated runs.")
    Double tokenPricePer1k;

    @Option(names = "--config", paramLabel = "FILE", description = "With --data/--db: only the attempts of this campaign "
            + "(its name:); where its pay: block is set, people's cost is what the store says the crowd is owed under it.")
    Path config;

    /**
     * People's side as read: the judge whose verdicts count and, with a --config whose pay: block is set, what the
     * store says the crowd is owed under it (else null).
     */
    private record Humans(CompareSettings.JudgeInfo judge, Payments.Report owed) {
    }

    @Option(names = "--pair", paramLabel = "ID=MODEL_TYPE/NUM_PARAMS",
            description = "Pair an automated target id with a human target explicitly (repeatable).")
    Map<String, String> pairs = new LinkedHashMap<>();

    @Option(names = "--map-cache", paramLabel = "DIR",
            description = "Embedding cache (default: $XDG_CACHE_HOME/redteam or ~/.cache/redteam).")
    Path cache;

    @Spec
    CommandSpec spec;

    private final Supplier<Judge> shippedJudge;
    private final Supplier<EmbedderSource> embedder;

    CompareCommand() {
        this(() -> TrainedJudge.load("shipped", Optional.empty()), AttackMaps::defaultEmbedder);
    }

    /** With the judge of files and the embedder given (test parts). */
    CompareCommand(Supplier<Judge> shippedJudge, Supplier<EmbedderSource> embedder) {
        this.shippedJudge = shippedJudge;
        this.embedder = embedder;
    }

    @Override
    public Integer call() {
        if (resamples < 0) {
            throw new InvalidInputException("--resamples must be 0 or more, got " + resamples);
        }
        if (!(noveltyThreshold >= 0 && noveltyThreshold <= 2)) {
            throw new InvalidInputException("--novelty-threshold is a cosine distance from 0 to 2, not " + noveltyThreshold);
        }
        if (costPerHumanAttack != null && costPerHumanAttack < 0 || tokenPricePer1k != null && tokenPricePer1k < 0) {
            throw new InvalidInputException("prices must be 0 or more");
        }
        if (config != null && human.file != null) {
            throw new InvalidInputException("--config applies to people's attempts in a store (--data or --db), not to --human FILE");
        }
        CampaignConfig campaign = config == null ? null : new CampaignConfigLoader().load(config);
        if (campaign != null && campaign.pay().configured() && costPerHumanAttack != null) {
            throw new InvalidInputException("--cost-per-human-attack: " + config
                    + " has a pay: block, which prices people's attacks; give one or the other");
        }
        CompareInputs.Automated auto = CompareInputs.automated(automated, judge);
        List<CompareItem> items = new ArrayList<>();
        Humans humans = human.file != null ? new Humans(fromFile(items), null) : fromStore(items, campaign);
        if (items.isEmpty()) {
            throw new InvalidInputException("no human attacks to compare with"
                    + (config != null ? " in the campaign of " + config : ""));
        }
        Payments.Report owed = humans.owed();
        Double humanCost = owed == null ? costPerHumanAttack : Double.valueOf(owed.amount().doubleValue() / items.size());
        items.addAll(auto.items());
        CompareSettings settings = new CompareSettings(seed, resamples, noveltyThreshold, humanCost, tokenPricePer1k,
                pairs, humans.judge(), auto.judge());
        PrintWriter err = spec.commandLine().getErr();
        Path cacheDir = cache != null ? cache : AttackMaps.userCacheDir();
        EmbedderSource source = embedder.get();
        CompareResult result = Comparison.run(items, settings, texts -> AttackMaps.vectors(texts, source, cacheDir,
                new ProgressListener() {
                    @Override
                    public void embedded(int done, int total) {
                    }

                    @Override
                    public void warning(String message) {
                        err.println("warning: " + message);
                    }
                }));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("human", human.file != null ? human.file.getFileName().toString()
                : StoreLocation.of(human.data, human.db).description());
        if (owed != null) {
            inputs.put("human_pay", Map.of("config", config.toString(), "owed", owed.amount().toPlainString(),
                    "currency", owed.pay().currency(), "sets", owed.sets(), "minutes", owed.minutes()));
        }
        inputs.put("automated", automated.stream().map(Path::toString).toList());
        inputs.put("automated_failed_items", auto.failed());
        inputs.put("automated_without_verdict", auto.withoutVerdict());
        if (auto.withoutVerdict() > 0) {
            err.printf("warning: %d automated items have no verdict of %s; counted as undetermined%n", auto.withoutVerdict(),
                    judge == null ? "any judge" : "judge '" + judge + "'");
        }
        inputs.put("embedder", source.name());
        CompareReport.write(result, inputs, out);
        print(result, spec.commandLine().getOut());
        return 0;
    }

    private CompareSettings.JudgeInfo fromFile(List<CompareItem> items) {
        List<ReleasedRecord> records = new ArrayList<>();
        try (ReleasedReader reader = ReleasedReader.open(human.file)) {
            for (Optional<ReleasedRecord> r; (r = reader.next()).isPresent(); ) {
                records.add(r.get());
            }
        }
        return judgeNow(records, items);
    }

    private CompareSettings.JudgeInfo judgeNow(List<ReleasedRecord> records, List<CompareItem> items) {
        Judge j = shippedJudge.get();
        try {
            items.addAll(IntStream.range(0, records.size()).parallel()
                    .mapToObj(i -> CompareInputs.judged(i, records.get(i), j)).toList());
        } finally {
            if (j instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    spec.commandLine().getErr().println("warning: closing the judge failed: " + e.getMessage());
                }
            }
        }
        return new CompareSettings.JudgeInfo(j.id(), j.version(), JudgeAccuracy.of(j.id(), j.version(), Map.of()));
    }

    /** The submitted attempts of the store, of {@code campaign} only when given (null: all). */
    private Humans fromStore(List<CompareItem> items, CampaignConfig campaign) {
        StoreLocation location = StoreLocation.of(human.data, human.db).existing();
        Map<Long, AttemptVerdict> verdicts = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        List<ReleasedRecord> records = new ArrayList<>();
        Payments.Report owed = null;
        try (Store app = App.at(location).openStore()) {
            OptionalLong only = OptionalLong.empty();
            if (campaign != null) {
                Payments payments = app.payments(campaign.name(), campaign.pay());
                only = OptionalLong.of(payments.campaignId());
                owed = campaign.pay().configured() ? payments.report() : null;
            }
            if (judge != null) {
                List<String> known = app.verdicts().judgeIds();
                if (!known.contains(judge)) {
                    throw new InvalidInputException("--judge: the store has no verdicts of judge '" + judge + "'; "
                            + (known.isEmpty() ? "it has none" : "judges with verdicts: " + String.join(", ", known)));
                }
                app.verdicts().of(judge).forEach(v -> verdicts.put(v.attemptId(), v));
            }
            app.exports().forEachReleased(only, (id, r) -> {
                ids.add(id);
                records.add(r);
            });
        }
        if (judge == null) {
            return new Humans(judgeNow(records, items), owed);
        }
        String version = null;
        for (int i = 0; i < records.size(); i++) {
            AttemptVerdict v = verdicts.get(ids.get(i));
            if (v == null) {
                items.add(CompareInputs.human(i, records.get(i), List.of(), org.redteam.judge.Outcome.UNDETERMINED));
                continue;
            }
            version = version == null ? v.verdict().judgeVersion() : version;
            items.add(CompareInputs.human(i, records.get(i), v.turns().stream().map(t -> t.verdict().outcome()).toList(),
                    v.verdict().outcome()));
        }
        return new Humans(new CompareSettings.JudgeInfo(judge, version, JudgeAccuracy.of(judge, version, Map.of())), owed);
    }

    private void print(CompareResult r, PrintWriter stdout) {
        for (CompareResult.Side s : List.of(r.human(), r.automated())) {
            stdout.printf(Locale.ROOT, "%s: %d attacks, %d items, success rate %.3f, mean pairwise distance %.3f, "
                            + "%d clusters, %d tags, near-duplicate share %.3f, novel share %.3f%n", s.source(), s.attacks(),
                    s.items(), s.successRate().estimate(), s.meanPairwiseDistance(), s.clustersCovered(), s.tags().size(),
                    s.nearDuplicateShare(), s.novelShare());
        }
        stdout.printf("wrote %s and %s%n", out.resolve(CompareReport.JSON), out.resolve(CompareReport.HTML));
        stdout.flush();
    }
}
