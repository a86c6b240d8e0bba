package org.redteam.analysis.report;

import static org.redteam.analysis.report.Figures.LEFT;
import static org.redteam.analysis.report.Figures.TOP;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.redteam.analysis.AnalysisResult;
import org.redteam.agreement.Bootstrap;

/**
 * Figure 1, one panel ({@code figure/lineChart.jte}): a metric against model size on a log scale, one line per
 * model type with its 95% intervals, points of one size dodged apart; the legend lists the model types.
 *
 * @param xTicks the model sizes plotted, at their parameter counts
 * @param series one per model type, in table order; a type with no plotted size has no points
 */
public record LineChart(Svg.Frame frame, List<Svg.Tick> yTicks, List<Svg.Tick> xTicks, Svg.Line axis, Svg.Text xLabel,
                        List<Series> series, List<Legend> legend) {
    private static final double WIDTH = 460;
    private static final double HEIGHT = 360;
    private static final double BOTTOM = 250;
    private static final double RIGHT = WIDTH - 16;

    /** What a panel shows. */
    enum Metric {
        SUCCESS("Attack success rate (share rated ≥ 3)", AnalysisResult.TargetRow::successRate, true),
        HARMLESSNESS("Mean min harmlessness score (lower = more harmful)", AnalysisResult.TargetRow::meanMinHarmlessness, false);

        final String title;
        final Function<AnalysisResult.TargetRow, Bootstrap.Interval> value;
        final boolean share;

        Metric(String title, Function<AnalysisResult.TargetRow, Bootstrap.Interval> value, boolean share) {
            this.title = title;
            this.value = value;
            this.share = share;
        }
    }

    /** One model type's line, drawn in {@code colour}. */
    public record Series(String colour, List<Marker> markers, List<Svg.Point> line) {
    }

    /** One target: its estimate with a tooltip, and its interval when it has one. */
    public record Marker(Svg.Dot estimate, Optional<Svg.Interval> interval) {
    }

    public record Legend(String colour, Svg.Line line, Svg.Dot dot, Svg.Text name) {
    }

    public LineChart {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        series = List.copyOf(series);
        legend = List.copyOf(legend);
    }

    static LineChart of(List<AnalysisResult.TargetRow> rows, Metric metric) {
        List<AnalysisResult.TargetRow> plotted = rows.stream().filter(r -> r.target().parameters().isPresent())
                .filter(r -> !Double.isNaN(metric.value.apply(r).estimate())).toList();
        Svg.Line axis = new Svg.Line(LEFT, BOTTOM, RIGHT, BOTTOM);
        Svg.Text xLabel = new Svg.Text((LEFT + RIGHT) / 2, BOTTOM + 36, "model size (parameters, log scale)");
        String label = metric.title + " by model size and type";
        if (plotted.isEmpty()) {
            Svg.Text note = new Svg.Text(WIDTH / 2, HEIGHT / 2, "no targets with a numeric size to plot");
            return new LineChart(Figures.frame(WIDTH, HEIGHT, label, metric.title, Optional.of(note)), List.of(), List.of(),
                    axis, xLabel, List.of(), List.of());
        }
        double minP = plotted.stream().mapToDouble(r -> r.target().parameters().getAsDouble()).min().orElseThrow();
        double maxP = plotted.stream().mapToDouble(r -> r.target().parameters().getAsDouble()).max().orElseThrow();
        Axis x = new Axis(minP == maxP ? minP / 3 : minP / 1.5, minP == maxP ? maxP * 3 : maxP * 1.5, LEFT, RIGHT, true);
        Axis y = valueAxis(plotted, metric);
        Map<Double, String> sizes = new LinkedHashMap<>();
        plotted.forEach(r -> sizes.putIfAbsent(r.target().parameters().getAsDouble(), r.target().size()));
        List<Svg.Tick> xTicks = new ArrayList<>();
        sizes.forEach((params, size) -> xTicks.add(new Svg.Tick(new Svg.Line(x.at(params), BOTTOM, x.at(params), BOTTOM + 5),
                new Svg.Text(x.at(params), BOTTOM + 18, size))));
        Map<String, String> colours = Figures.colours(rows);
        return new LineChart(Figures.frame(WIDTH, HEIGHT, label, metric.title, Optional.empty()),
                Figures.yTicks(y, LEFT, RIGHT, t -> metric.share ? Figures.percent(t) : Figures.trim(t)), xTicks, axis, xLabel,
                series(plotted, metric, colours, x, y), legend(colours));
    }

    private static List<Series> series(List<AnalysisResult.TargetRow> plotted, Metric metric, Map<String, String> colours,
                                       Axis x, Axis y) {
        List<String> types = new ArrayList<>(colours.keySet());
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < types.size(); s++) {
            String type = types.get(s);
            double dodge = (s - (types.size() - 1) / 2.0) * 5;
            List<Marker> markers = new ArrayList<>();
            List<Svg.Point> line = new ArrayList<>();
            for (AnalysisResult.TargetRow r : plotted) {
                if (r.target().modelType().equals(type)) {
                    Bootstrap.Interval v = metric.value.apply(r);
                    double px = x.at(r.target().parameters().getAsDouble()) + dodge;
                    line.add(new Svg.Point(px, y.at(v.estimate())));
                    String tooltip = type + " " + r.target().size() + ": " + Figures.value(v.estimate(), metric.share) + " "
                            + Figures.interval(v, metric.share) + ", n = " + (metric.share ? r.n() : r.scored());
                    markers.add(new Marker(new Svg.Dot(px, y.at(v.estimate()), 4, colours.get(type), Optional.of(tooltip)),
                            Figures.interval(px, y, v)));
                }
            }
            series.add(new Series(colours.get(type), markers, line));
        }
        return series;
    }

    /** Two entries a row under the x-axis title. */
    private static List<Legend> legend(Map<String, String> colours) {
        List<Legend> legend = new ArrayList<>();
        for (Map.Entry<String, String> e : colours.entrySet()) {
            int i = legend.size();
            double lx = LEFT + (i % 2) * 200;
            double ly = BOTTOM + 52 + (i / 2) * 17;
            legend.add(new Legend(e.getValue(), new Svg.Line(lx, ly - 4, lx + 18, ly - 4),
                    new Svg.Dot(lx + 9, ly - 4, 3.5, e.getValue(), Optional.empty()), new Svg.Text(lx + 24, ly, Figures.cut(e.getKey(), 28))));
        }
        return legend;
    }

    /** Shares from 0 to a little above the highest bound; other values padded by a tenth of their range. */
    private static Axis valueAxis(List<AnalysisResult.TargetRow> rows, Metric metric) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (AnalysisResult.TargetRow r : rows) {
            Bootstrap.Interval v = metric.value.apply(r);
            for (double d : new double[] {v.estimate(), v.lower(), v.upper()}) {
                if (!Double.isNaN(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        if (metric.share) {
            return new Axis(0, Math.min(1, Math.max(hi * 1.15, 0.05)), BOTTOM, TOP, false);
        }
        double pad = Math.max((hi - lo) * 0.1, 0.05);
        return new Axis(lo - pad, hi + pad, BOTTOM, TOP, false);
    }
}
