package org.redteam.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.EffortToBreak;
import org.redteam.analysis.KaplanMeier;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.TargetLabel;
import org.redteam.analysis.TemplateFamilies;
import org.redteam.judge.JudgeReport;
import org.redteam.review.AgreementReport;

/**
 * What {@code src/main/jte/analysis/report.jte} renders: the result, its source, the figures (records of marks in
 * pixels, drawn by the templates in {@code analysis/figure}), the optional attack map, the optional reviewer
 * agreement (the admin dashboard's) and the optional red teamers' signals ({@link SignalSection}). The templates escape every text; the formatting helpers here return plain text.
 */
public record ReportPage(AnalysisResult result, AnalysisSource source, Charts figures, List<String> tables,
                         Optional<ReportSection> attackMap, Optional<AgreementReport.Report> agreement,
                         Optional<EffortToBreak> effort, List<JudgeReport> judges, Optional<ReportSection> signals) {

    /** A report without the red teamers' signals section (none carry a signal). */
    public ReportPage(AnalysisResult result, AnalysisSource source, Charts figures, List<String> tables,
                      Optional<ReportSection> attackMap, Optional<AgreementReport.Report> agreement,
                      Optional<EffortToBreak> effort, List<JudgeReport> judges) {
        this(result, source, figures, tables, attackMap, agreement, effort, judges, Optional.empty());
    }

    /** A report without judges' sections. */
    public ReportPage(AnalysisResult result, AnalysisSource source, Charts figures, List<String> tables,
                      Optional<ReportSection> attackMap, Optional<AgreementReport.Report> agreement,
                      Optional<EffortToBreak> effort) {
        this(result, source, figures, tables, attackMap, agreement, effort, List.of());
    }

    /** A report without reviewer agreement or effort to break (what {@code redteam analyze} writes). */
    public ReportPage(AnalysisResult result, AnalysisSource source, Charts figures, List<String> tables,
                      Optional<ReportSection> attackMap) {
        this(result, source, figures, tables, attackMap, Optional.empty(), Optional.empty());
    }

    /** A report without effort to break (the dashboard's). */
    public ReportPage(AnalysisResult result, AnalysisSource source, Charts figures, List<String> tables,
                      Optional<ReportSection> attackMap, Optional<AgreementReport.Report> agreement) {
        this(result, source, figures, tables, attackMap, agreement, Optional.empty());
    }

    /** One row of the effort-to-break table: all targets first, then each target. */
    public record EffortRow(String target, KaplanMeier.Curve curve) {
    }

    /** The report's figures, drawn from the analysis result alone. */
    public record Charts(LineChart successBySize, LineChart harmlessnessBySize, BarChart histogram,
                         BoxPlot harmlessnessByRating, LorenzCurve lorenz, TagBars tags) {
        public static Charts of(AnalysisResult r) {
            return new Charts(LineChart.of(r.byTarget(), LineChart.Metric.SUCCESS),
                    LineChart.of(r.byTarget(), LineChart.Metric.HARMLESSNESS), BarChart.of(r.histogram()),
                    BoxPlot.of(r.harmlessnessByRating(), r.ratingVsHarmlessness()),
                    LorenzCurve.of(r.concentration(), AttackAnalysis.TOP_MEMBERS), TagBars.of(r.tags(), TAGS_SHOWN));
        }
    }

    static final int TAGS_SHOWN = 25;

    public ReportPage {
        tables = List.copyOf(tables);
        judges = List.copyOf(judges);
    }

    /** Where the judges' section sends readers for what a judge's rate means (the project's docs; not served). */
    public String judgesDoc() {
        return "docs/judges.md, “What a judge's success rate means, and what it does not”";
    }

    /** An estimate with its interval, or "–" when undefined; {@code [lo, hi]} only when the interval is defined. */
    public String withInterval(Bootstrap.Interval i) {
        if (Double.isNaN(i.estimate())) {
            return "–";
        }
        return Figures.trim3(i.estimate()) + (Double.isNaN(i.lower()) ? "" : " [" + Figures.trim3(i.lower()) + ", "
                + Figures.trim3(i.upper()) + "]");
    }

    public String f3(double v) {
        return Figures.trim3(v);
    }

    public String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public String ci(Bootstrap.Interval i) {
        return Figures.interval(i, false);
    }

    public String ciPct(Bootstrap.Interval i) {
        return Figures.interval(i, true);
    }

    public String sourceLine() {
        return source.kind() == AnalysisSource.Kind.FILE ? "file " + source.name() : "store " + source.name();
    }

    /** Targets left out of figure 1 because their size is not a number. */
    public List<String> unplotted() {
        return result.byTarget().stream().map(AnalysisResult.TargetRow::target)
                .filter(t -> t.parameters().isEmpty()).map(TargetLabel::toString).toList();
    }

    public int topMembers() {
        return AttackAnalysis.TOP_MEMBERS;
    }

    public double topShare() {
        return result.concentration().topShare(AttackAnalysis.TOP_MEMBERS);
    }

    public List<TemplateFamilies.Family> templates() {
        return result.templates().top(AttackAnalysis.TEMPLATE_FAMILIES);
    }

    public String templateMethod() {
        return TemplateFamilies.METHOD;
    }

    public String intervalMethod() {
        return SummaryJson.INTERVAL_METHOD;
    }

    public String ratingBinning() {
        return SummaryJson.RATING_BINNING;
    }

    public boolean moreTags() {
        return result.tags().size() > TAGS_SHOWN;
    }

    public int smallSample() {
        return AttackAnalysis.SMALL_SAMPLE_MEMBERS;
    }

    /** An agreement coefficient with its 95% interval when resampled, or why it is undefined. */
    public String coefficient(AgreementReport.Estimate e) {
        if (Double.isNaN(e.value())) {
            return "undefined" + e.undefinedBecause().map(r -> " (" + r + ")").orElse("");
        }
        String ci = e.ci95().filter(b -> b.size() == 2 && !b.get(0).isNaN())
                .map(b -> " [" + Figures.trim3(b.get(0)) + ", " + Figures.trim3(b.get(1)) + "]").orElse("");
        return Figures.trim3(e.value()) + ci;
    }

    /** Agreement needs at least two reviewed items with two or more reviews each; below that the page says so. */
    public boolean tooLittleAgreementData(AgreementReport.Report r) {
        return r.units() < 2 || Double.isNaN(r.rating().reviewers().krippendorffAlpha().value());
    }

    public List<EffortRow> effortRows() {
        if (effort.isEmpty()) {
            return List.of();
        }
        List<EffortRow> rows = new ArrayList<>();
        rows.add(new EffortRow("all targets", effort.get().overall()));
        effort.get().targets().forEach(t -> rows.add(new EffortRow(t, effort.get().byTarget().get(t))));
        return rows;
    }

    public String median(KaplanMeier.Curve c) {
        return c.median().isPresent() ? String.valueOf(c.median().getAsInt()) : "not reached";
    }

    /** S(t) [95% interval] at each turn where an attempt broke, e.g. "turn 1: 0.875 [0.646, 1.000]". */
    public String survivalSteps(KaplanMeier.Curve c) {
        return c.steps().stream().filter(s -> s.broke() > 0)
                .map(s -> "turn " + s.turn() + ": " + Figures.trim3(s.survival()) + (Double.isNaN(s.lower()) ? ""
                        : " [" + Figures.trim3(s.lower()) + ", " + Figures.trim3(s.upper()) + "]"))
                .collect(Collectors.joining(" · "));
    }
}
