package org.redteam.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.replay.ReplayRun;

/**
 * What {@code replay} and {@code attack} share around a {@link ReplayRun}: a progress bar on stderr, and a shutdown
 * hook so that Ctrl-C (SIGINT) or SIGTERM stops taking items and lets those in flight finish and be written.
 */
final class FolderRuns {
    private FolderRuns() {
    }

    static ReplayRun.Outcome execute(ReplayRun run, String task, PrintWriter err,
                                     Function<ReplayRun.Progress, ReplayRun.Outcome> body) {
        Thread onInterrupt = new Thread(() -> {
            run.stop();
            try {
                run.awaitEnd(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, task + "-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (ProgressBar bar = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName(task)
                .setInitialMax(0).setUnit(" items", 1).showSpeed())) {
            return body.apply((done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this run, which has ended
            }
        }
    }
}
