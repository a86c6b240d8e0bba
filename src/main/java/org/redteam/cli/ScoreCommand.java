package org.redteam.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.scoring.PreferenceModel;
import org.redteam.config.PreferenceModelSpec;
import org.redteam.scoring.PreferenceModels;
import org.redteam.scoring.ScoreStore;
import org.redteam.scoring.ScoringService;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam score}: fills the harmlessness scores of submitted attempts, batched and resumable. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Score submitted attempts with a harmlessness preference model: min_harmlessness (the lowest score "
                + "over the assistant's utterances, each in its context) and task_description_harmlessness (the "
                + "task description scored on its own). Exports carry both.",
            "Without --all, only attempts lacking a score are scored and imported scores are kept; with --all, "
                + "every submitted attempt is scored again and its scores replaced. Attempts go in batches of "
                + ScoringService.BATCH + ", each committed on its own: an interrupted run keeps its work and the "
                + "next run goes on with what is left. See docs/data-formats.md."})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A model file from `pm train`, or the http(s) URL of a remote model "
                    + "(docs/preference-model-remote.md); default: the built-in model.")
    String model;

    @Option(names = "--all", description = "Score every submitted attempt again, replacing its scores, imported ones included.")
    boolean all;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoreLocation location = store.existing(); // before the model loads (seconds)
        PreferenceModelSpec chosen = model == null ? new PreferenceModelSpec.Default() : PreferenceModelSpec.ofOption(model);
        PreferenceModel loaded = PreferenceModels.load(chosen);
        PrintWriter err = spec.commandLine().getErr();
        ScoringService.Result result;
        try (Store app = App.at(location).preferenceModel(loaded).openStore();
             ProgressBar bar = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("score")
                     .setInitialMax(0).setUnit(" attempts", 1))) {
            result = app.scoring().score(all ? ScoreStore.Scope.ALL : ScoreStore.Scope.UNSCORED, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        spec.commandLine().getOut().printf("scored %d attempts with %s%n", result.attempts(), loaded.name());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
