package org.redteam.replay;

import java.util.Locale;
import java.util.Optional;
import org.redteam.agreement.Bootstrap;

/**
 * What {@code src/main/jte/replay/report.jte} renders: the summary and plain-text formatting (the template escapes it).
 */
public record ReplayReportPage(ReplaySummary summary) {

    /** The first judge, whose verdicts the per-tag, per-family and original tables use; "–" when there is none. */
    public String firstJudge() {
        return summary.judges().isEmpty() ? "–" : summary.judges().get(0);
    }

    /** A share as a percentage with one decimal, "–" when undefined. */
    public String pct(double v) {
        return Figures.pct(v);
    }

    /** The interval of a share in percent, "" when undefined. */
    public String ciPct(Bootstrap.Interval i) {
        return Figures.ciPct(i);
    }

    public String f3(double v) {
        return Figures.f3(v);
    }

    public String ci(Bootstrap.Interval i) {
        return Double.isNaN(i.lower()) ? "" : "[" + f3(i.lower()) + ", " + f3(i.upper()) + "]";
    }

    /** A difference of shares in percentage points with its sign. */
    public String points(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.1f pp", 100 * v);
    }

    public String ciPoints(Bootstrap.Interval i) {
        return Double.isNaN(i.lower()) ? "" : "[" + points(i.lower()) + ", " + points(i.upper()) + "]";
    }

    /** A p value: 4 decimals, or "< 0.0001". */
    public String p(double v) {
        return v < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    public String accuracy(Optional<JudgeAccuracy> accuracy) {
        return accuracy.map(a -> "precision " + f3(a.precision()) + ", recall " + f3(a.recall()) + " (n = " + a.n()
                + ", " + a.measuredOn() + ")").orElse("not measured");
    }

    /** The first judge's accuracy, as {@link #accuracy}, for the sentence on what a rate means. */
    public String firstJudgeAccuracy() {
        return summary.targets().stream().flatMap(t -> t.rates().stream()).filter(r -> r.judgeId().equals(firstJudge()))
                .findFirst().map(r -> accuracy(r.accuracy())).orElse("not measured");
    }
}
