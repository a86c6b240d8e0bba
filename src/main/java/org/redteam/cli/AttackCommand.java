package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.campaign.CoverageHint;
import org.redteam.attack.Attacker;
import org.redteam.attack.Attackers;
import org.redteam.attack.AutomatedWork;
import org.redteam.backend.ModelBackend;
import org.redteam.config.AttackerSpec;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.problem.InvalidInputException;
import org.redteam.replay.ReplayReport;
import org.redteam.replay.AttackFilter;
import org.redteam.replay.ReplayRun;
import org.redteam.replay.ReplaySetup;
import org.redteam.replay.ReplaySummary;
import org.redteam.replay.ReplayedExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam attack}: an attacker model's attacks against a campaign's targets, judged; resumable. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = {
            "Automated red teaming: the campaign file's attacker ID (attackers:) writes N attacks, each sent to every "
                + "target of --targets (a multi-turn attacker reads the replies and writes up to --turns messages, "
                + "stopping when the first judge says the target broke); every conversation is scored and judged as "
                + "replay does.",
            "Writes the same folder as replay: OUT/results.jsonl as items finish (synced), OUT/run.json and, at the "
                + "end, OUT/replayed.json in the released format, OUT/summary.json and OUT/report.html. "
                + "See docs/automated.md."})
final class AttackCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "campaign.yaml",
            description = "The campaign file: its attackers, targets, preference model and judges.")
    Path config;

    @Option(names = "--attacker", required = true, paramLabel = "ID", description = "The attacker of the campaign file.")
    String attackerId;

    @Option(names = "--targets", split = ",", paramLabel = "ID", description = "Only these targets (default: all).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--n", required = true, paramLabel = "N", description = "Attacks to write (each against every target).")
    int n;

    @Option(names = "--turns", paramLabel = "K",
            description = "Human turns per attack of a multi-turn attacker (default: its max_turns).")
    Integer turns;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the requests and of few-shot's examples (default 0).")
    long seed;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "C", description = "Items at once (default 8).")
    int concurrency;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder the results go to.")
    Path out;

    @Option(names = "--resume", description = "Finish an interrupted run in --out: only items without a result.")
    boolean resume;

    @Option(names = "--steer-coverage", description = "Give the attacker the campaign's 3 least-covered harm tags as "
            + "its topics (from the reviewers' tags in the store of --data/--db) instead of its risk topics.")
    boolean steerCoverage;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    private final Function<CampaignConfig, ReplaySetup> setups;
    private final Function<AttackerSpec, ModelBackend> models;

    AttackCommand() {
        this(App::replaySetup, App::attackerModel);
    }

    /** With targets, judges and attacker models built otherwise (test parts). */
    AttackCommand(Function<CampaignConfig, ReplaySetup> setups, Function<AttackerSpec, ModelBackend> models) {
        this.setups = setups;
        this.models = models;
    }

    /** The first messages of the store's submitted attempts rated 3 or more, in attempt order ({@code examples: store}). */
    private List<String> storeExamples() {
        AttackFilter successful = new AttackFilter(OptionalDouble.of(AttackerSpec.STORE_EXAMPLES_MIN_RATING), List.of(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), 0, false);
        try (Store stored = App.openStore(store.existing(), Clock.systemUTC())) {
            return stored.attackSelection().select(successful).stream().map(a -> a.turns().get(0)).toList();
        }
    }

    @Override
    public Integer call() {
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        AttackerSpec attackerSpec = campaign.attacker(attackerId).orElseThrow(() -> new InvalidInputException(
                "--attacker: no attacker '" + attackerId + "' in " + config + "; there are: "
                        + (campaign.attackers().isEmpty() ? "none (add attackers: to the campaign file)"
                        : campaign.attackers().stream().map(AttackerSpec::id).collect(Collectors.joining(", ")))));
        Attacker attacker = Attackers.create(attackerSpec, models.apply(attackerSpec),
                turns == null ? attackerSpec.maxTurns() : turns, this::storeExamples);
        ReplaySetup setup = setups.apply(campaign).select(targets, List.of());
        List<String> topics = AutomatedWork.topics(campaign);
        if (steerCoverage) {
            try (Store stored = App.openStore(store.existing(), Clock.systemUTC())) {
                topics = stored.coverage(campaign).leastCoveredTags(CoverageHint.TAGS);
            }
        }
        AutomatedWork work = new AutomatedWork(attackerSpec, attacker, topics, n, seed, setup);
        ReplayRun run = new ReplayRun(setup, concurrency);
        ReplayRun.Outcome outcome = FolderRuns.execute(run, "attack", spec.commandLine().getErr(),
                progress -> run.run(work, out, resume, progress));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("attacked %d of %d items (%d done before), %d ended in an error%n",
                outcome.ran(), outcome.items(), outcome.earlier(), outcome.errors());
        if (outcome.stopped()) {
            stdout.println("stopped before the end: run again with --resume to finish");
            stdout.flush();
            return Main.EXIT_FAILURE;
        }
        Path results = out.resolve(ReplayRun.RESULTS);
        long member = work.memberNumber();
        long records = ReplayedExport.write(results, work.taskDescriptions(), r -> member, setup.targets(),
                out.resolve(ReplayedExport.FILE));
        stdout.printf("wrote %s (%d transcripts, red_team_member_id %d)%n", out.resolve(ReplayedExport.FILE), records,
                member);
        ReplayReport.write(results, out, Map.of(), ReplaySummary.Settings.DEFAULT);
        stdout.printf("wrote %s and %s%n", out.resolve(ReplayReport.SUMMARY), out.resolve(ReplayReport.REPORT));
        stdout.flush();
        return 0;
    }
}
