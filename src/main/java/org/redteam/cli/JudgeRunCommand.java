package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.judge.Judge;
import org.redteam.judge.JudgingService;
import org.redteam.judge.Outcome;
import org.redteam.problem.InvalidInputException;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam judge run}: the campaign's judges judge the submitted attempts in the store, resumably. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Judge submitted attempts (every campaign in the store, imported ones included) with the judges of the "
                + "campaign file (judges:): a verdict on each attempt and on each assistant turn.",
            "Without --all, only attempts without a verdict of the judge's current id and version are judged; with "
                + "--all, every submitted attempt is judged again and its stored verdicts replaced. Each attempt × judge "
                + "is saved on its own: an interrupted run keeps its work. A judge that fails gives UNDETERMINED with "
                + "the reason. Prints the number judged and the count of each outcome. See docs/judges.md."})
final class JudgeRunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "campaign.yaml", description = "The campaign file naming the judges.")
    Path config;

    @Option(names = "--judge", paramLabel = "ID", description = "Only this judge of the campaign file (default: all of them).")
    String judge;

    @Option(names = "--all", description = "Judge every submitted attempt again, replacing stored verdicts.")
    boolean all;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    private final Function<CampaignConfig, List<Judge>> judges;

    JudgeRunCommand() {
        this(App::judges);
    }

    /** With judges built otherwise than by the campaign's factory (test judges). */
    JudgeRunCommand(Function<CampaignConfig, List<Judge>> judges) {
        this.judges = judges;
    }

    @Override
    public Integer call() {
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        StoreLocation location = store.existing();
        if (campaign.judges().isEmpty()) {
            throw new InvalidInputException(config + " names no judges (judges:); see docs/judges.md");
        }
        if (judge != null && campaign.judges().stream().noneMatch(j -> j.id().equals(judge))) {
            throw new InvalidInputException("--judge: " + config + " has no judge '" + judge + "'; its judges: "
                    + campaign.judges().stream().map(j -> j.id()).collect(Collectors.joining(", ")));
        }
        List<Judge> chosen = judges.apply(campaign).stream().filter(j -> judge == null || j.id().equals(judge)).toList();
        PrintWriter err = spec.commandLine().getErr();
        JudgingService.Result result;
        try (Store app = App.at(location).openStore();
             JudgingService judging = app.judging(chosen, OptionalLong.empty());
             ProgressBar bar = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("judge")
                     .setInitialMax(0).setUnit(" verdicts", 1))) {
            result = judging.run(chosen, all, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("judged %d attempt × judge pairs with %s%n", result.verdicts(),
                chosen.stream().map(j -> j.id() + " (" + j.version() + ")").collect(Collectors.joining(", ")));
        for (Outcome o : Outcome.values()) {
            out.printf("%s: %d%n", o.label(), result.count(o));
        }
        out.flush();
        return 0;
    }
}
