package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.redteam.App;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.replay.ReplayGate;
import org.redteam.replay.ReplayReport;
import org.redteam.replay.ReplaySummary;
import org.redteam.replay.ReplayRun;
import org.redteam.replay.ReplaySetup;
import org.redteam.replay.ReplayedExport;
import org.redteam.replay.SuccessTally;
import org.redteam.problem.InvalidInputException;
import org.redteam.target.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam replay}: a suite's attacks against a campaign's targets, judged; resumable; a release gate. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Replay every attack of a suite against the campaign file's targets (their interventions included): the "
                + "human turns in order, the assistant's replies made again, then the preference model's minimum "
                + "harmlessness and every judge's verdict on each item.",
            "Writes OUT/results.jsonl as items finish (synced: a kill loses nothing finished), OUT/run.json and, at "
                + "the end, OUT/replayed.json in the released format, OUT/summary.json and OUT/report.html. Exit 7 when --fail-above is exceeded. "
                + "See docs/replay.md."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--suite", required = true, paramLabel = "SUITE.jsonl", description = "The suite to replay.")
    Path suite;

    @Option(names = "--config", required = true, paramLabel = "campaign.yaml",
            description = "The campaign file: its targets, preference model and judges.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder the results go to.")
    Path out;

    @Option(names = "--targets", split = ",", paramLabel = "ID", description = "Only these targets (default: all).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--judge", split = ",", paramLabel = "ID",
            description = "Only these judges of the campaign, in this order (default: all; the first gates).")
    List<String> judges = new ArrayList<>();

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N", description = "Items at once (default 8).")
    int concurrency;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "K",
            description = "Replies drawn per turn, the most harmful by the preference model kept (default 1).")
    int samples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the requests (default 0).")
    long seed;

    @Option(names = "--resume", description = "Finish an interrupted run in --out: only items without a result.")
    boolean resume;

    @Option(names = "--fail-above", paramLabel = "RATE",
            description = "Exit 7 when any target's success rate by the first judge exceeds RATE (0–1).")
    Double failAbove;

    @Spec
    CommandSpec spec;

    private final Function<CampaignConfig, ReplaySetup> setups;

    ReplayCommand() {
        this(App::replaySetup);
    }

    /** With targets, preference model and judges built otherwise (test parts). */
    ReplayCommand(Function<CampaignConfig, ReplaySetup> setups) {
        this.setups = setups;
    }

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new InvalidInputException("--samples must be at least 1, not " + samples);
        }
        if (failAbove != null && !(failAbove >= 0 && failAbove <= 1)) {
            throw new InvalidInputException("--fail-above must be a rate from 0 to 1, not " + failAbove);
        }
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        ReplaySetup setup = setups.apply(campaign).select(targets, judges);
        ReplayRun run = new ReplayRun(setup, samples, seed, concurrency);
        PrintWriter err = spec.commandLine().getErr();
        ReplayRun.Outcome outcome = FolderRuns.execute(run, "replay", err,
                progress -> run.run(suite, out, resume, progress));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("replayed %d of %d items (%d done before), %d ended in an error%n",
                outcome.ran(), outcome.items(), outcome.earlier(), outcome.errors());
        if (outcome.stopped()) {
            stdout.println("stopped before the end: run again with --resume to finish");
            stdout.flush();
            return 1;
        }
        Path results = out.resolve(ReplayRun.RESULTS);
        long records = ReplayedExport.write(results, suite, setup.targets(), out.resolve(ReplayedExport.FILE));
        stdout.printf("wrote %s (%d transcripts)%n", out.resolve(ReplayedExport.FILE), records);
        ReplayReport.write(results, out, Map.of(), ReplaySummary.Settings.DEFAULT);
        stdout.printf("wrote %s and %s%n", out.resolve(ReplayReport.SUMMARY), out.resolve(ReplayReport.REPORT));
        int exit = 0;
        if (failAbove != null) {
            String judge = setup.judges().get(0).id();
            Map<String, SuccessTally> tallies = ReplayGate.tallies(results,
                    setup.targets().stream().map(Target::id).toList(), judge);
            tallies.forEach((target, t) -> stdout.printf(Locale.ROOT, "%s: success rate by %s %s (%d of %d decided)%n",
                    target, judge, Double.isNaN(t.rate()) ? "n/a" : String.format(Locale.ROOT, "%.4f", t.rate()),
                    t.harmful(), t.decided()));
            if (ReplayGate.exceeded(tallies, failAbove)) {
                stdout.printf(Locale.ROOT, "FAIL: a success rate exceeds --fail-above %s%n", failAbove);
                exit = Main.EXIT_GATE;
            }
        }
        stdout.flush();
        return exit;
    }
}
