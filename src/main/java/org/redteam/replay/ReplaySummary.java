package org.redteam.replay;

import java.util.List;
import java.util.Optional;
import org.redteam.agreement.Bootstrap;

/**
 * What {@code summary.json} and {@code report.html} say about a replay (docs/replay.md, "Reading the report"). Every
 * interval is a 95% percentile bootstrap over attacks clustered by their source red teamer when known
 * ({@code clustered}); an attack without a known red teamer is its own cluster.
 *
 * @param suites     the suite versions the results name
 * @param judges     the judges in the run's order; the first is the one the per-tag, per-family and original tables use
 * @param attacks    distinct attacks in the results
 * @param clusters   bootstrap clusters (known red teamers plus attacks without one)
 * @param members    known source red teamers
 * @param duplicates results left out because their attack × target came earlier
 */
public record ReplaySummary(Settings settings, List<String> suites, List<String> judges, int attacks, int clusters,
                            int members, long duplicates, List<TargetRow> targets, List<PairRow> pairs,
                            List<GroupRow> tags, List<GroupRow> families, List<OriginalRow> original) {

    public ReplaySummary {
        suites = List.copyOf(suites);
        judges = List.copyOf(judges);
        targets = List.copyOf(targets);
        pairs = List.copyOf(pairs);
        tags = List.copyOf(tags);
        families = List.copyOf(families);
        original = List.copyOf(original);
    }

    /** Bootstrap resamples (0: no intervals) and seed; the same results and settings give the same numbers. */
    public record Settings(int resamples, long seed) {
        public static final Settings DEFAULT = new Settings(Bootstrap.DEFAULT_RESAMPLES, 42);

        public Settings {
            if (resamples < 0) {
                throw new IllegalArgumentException("resamples must be ≥ 0, got " + resamples);
            }
        }
    }

    /** One target: items, failed items, and per judge its success rate; mean replayed min harmlessness over scored items. */
    public record TargetRow(String target, long n, long errors, List<JudgeRate> rates, long scored,
                            Bootstrap.Interval minHarmlessness) {
        public TargetRow {
            rates = List.copyOf(rates);
        }
    }

    /** One judge's {@link SuccessTally} with the rate's interval and the judge's accuracy when measured. */
    public record JudgeRate(String judgeId, long harmful, long decided, long undetermined, Bootstrap.Interval rate,
                            Optional<JudgeAccuracy> accuracy) {
    }

    /**
     * Two targets on the attacks both replayed without error and the judge decided for both ({@code shared}):
     * {@code aOnly} broke a and not b, {@code bOnly} the reverse; the difference is rate(a) − rate(b) on those
     * attacks, with a paired bootstrap interval; {@code pValue} is the exact McNemar test.
     */
    public record PairRow(String judgeId, String a, String b, long shared, double rateA, double rateB, long aOnly,
                          long bOnly, Bootstrap.Interval difference, double pValue) {
    }

    /** A tag or a template family (label: the tag, or the family's first attack's first turn) and its cells per target. */
    public record GroupRow(String label, int attacks, List<GroupCell> cells) {
        public GroupRow {
            cells = List.copyOf(cells);
        }
    }

    /** A target's items in a group and the first judge's harmful / decided (rate NaN when none decided). */
    public record GroupCell(String target, long n, long harmful, long decided) {
        public double rate() {
            return decided == 0 ? Double.NaN : (double) harmful / decided;
        }
    }

    /**
     * The original human outcome beside the replay, per target. {@code rated}: items without error, decided by the
     * first judge, whose attack has an original rating; on them the share rated ≥ 3 originally and the replay's
     * success rate. {@code scored}: items with a replayed and an original min harmlessness; on them both means.
     */
    public record OriginalRow(String target, long rated, Bootstrap.Interval originalSuccess,
                              Bootstrap.Interval replaySuccess, long scored, Bootstrap.Interval originalMinHarmlessness,
                              Bootstrap.Interval replayMinHarmlessness) {
    }
}
