package org.redteam.compare;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.KaplanMeier;
import org.redteam.replay.Figures;
import org.redteam.replay.JudgeAccuracy;

/** What {@code src/main/jte/compare/report.jte} renders: the result and plain-text formatting (the template escapes). */
public record ComparePage(CompareResult result, Map<String, Object> inputs) {

    public List<CompareResult.Side> sides() {
        return List.of(result.human(), result.automated());
    }

    public String pct(double v) {
        return Figures.pct(v);
    }

    public String ciPct(Bootstrap.Interval i) {
        return Figures.ciPct(i);
    }

    public String f3(double v) {
        return Figures.f3(v);
    }

    /** 4 significant digits (a cost of 0.0015 stays visible), "–" when undefined. */
    public String opt(OptionalDouble v) {
        return v.isPresent() ? new java.math.BigDecimal(v.getAsDouble()).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString() : "–";
    }

    public String text(Object o) {
        return o == null ? "–" : String.valueOf(o);
    }

    public String median(KaplanMeier.Curve c) {
        return c.median().isPresent() ? String.valueOf(c.median().getAsInt()) : "not reached";
    }

    public String rate(CompareResult.Rate r) {
        return r == null ? "–" : r.harmful() + " / " + r.decided() + " = " + pct(r.successRate().estimate());
    }

    public String rateCi(CompareResult.Rate r) {
        return r == null ? "" : ciPct(r.successRate());
    }

    public String accuracy(CompareSettings.JudgeInfo j) {
        return j.id() + ": " + j.accuracy().map(ComparePage::describe).orElse("precision/recall not measured");
    }

    private static String describe(JudgeAccuracy a) {
        return String.format(Locale.ROOT, "precision %.3f, recall %.3f (n = %d, %s)", a.precision(), a.recall(), a.n(),
                a.measuredOn());
    }

    /** How the costs were priced: the crowd's pay (compare --config) or the prices given; "" when none was. */
    public String costNote() {
        StringBuilder note = new StringBuilder();
        CompareSettings s = result.settings();
        if (inputs.get("human_pay") instanceof Map<?, ?> pay) {
            note.append("People: ").append(pay.get("owed")).append(' ').append(pay.get("currency"))
                    .append(" owed to the crowd under the pay: block of ").append(pay.get("config")).append(" (")
                    .append(pay.get("sets")).append(" sets, ").append(pay.get("minutes")).append(" minutes on task) for ")
                    .append(result.human().attacks()).append(" attacks.");
        } else if (s.costPerHumanAttack() != null) {
            note.append("People: ").append(opt(OptionalDouble.of(s.costPerHumanAttack()))).append(" per attack.");
        }
        if (s.tokenPricePer1k() != null) {
            note.append(note.isEmpty() ? "" : " ").append("Automated: ").append(opt(OptionalDouble.of(s.tokenPricePer1k())))
                    .append(" per 1,000 tokens of the targets.");
        }
        return note.toString();
    }

    public String tags(CompareResult.Side s) {
        return s.tags().isEmpty() ? "–" : String.join(", ", s.tags());
    }
}
