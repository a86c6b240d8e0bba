package org.redteam.web;

import java.util.List;
import java.util.Locale;
import org.redteam.replay.StoredRun;
import org.redteam.replay.SuccessTally;

/** What the replay pages ({@code adminReplays.jte}, {@code adminReplay.jte}) render. */
public final class ReplayViews {

    private ReplayViews() {
    }

    /** A run with how far it has got. */
    public record Row(StoredRun run, StoredRun.Progress progress) {
    }

    /**
     * The runs and the start form.
     *
     * @param judgeIds the platform's judges, to pick from and to filter by ("judged harmful by")
     */
    public record Runs(PageContext ctx, List<Row> rows, List<String> targetIds, List<String> judgeIds, int maxSamples) {
    }

    /** One run: its progress (refreshed while it runs) and each target's success so far by each judge. */
    public record Run(PageContext ctx, StoredRun run, StoredRun.Progress progress, List<StoredRun.TargetSuccess> success) {
    }

    /** "41.7% (5 of 12)", or "–" while the judge has decided nothing. */
    public static String rate(SuccessTally t) {
        if (t.decided() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100 * t.rate(), t.harmful(), t.decided());
    }
}
