package org.redteam.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.redteam.analysis.AnalysisResult;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.Concentration;
import org.redteam.analysis.RatingBoxes;
import org.redteam.analysis.RatingHistogram;

/**
 * The report's figures as inline SVG strings, drawn from the analysis result alone. Layout constants are pixels.
 * Colours come from a fixed palette, one per model type in the order of the by-target table.
 */
final class Figures {
    static final String[] PALETTE = {"#1b6ca8", "#d1495b", "#2e933c", "#c98a12", "#6a4c93", "#00798c", "#8c564b", "#555555"};
    private static final double LEFT = 62;
    private static final double TOP = 34;

    /** What a panel of figure 1 shows. */
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

    private Figures() {
    }

    /** Model types in table order, each with its colour. */
    static Map<String, String> colours(List<AnalysisResult.TargetRow> rows) {
        Map<String, String> colours = new LinkedHashMap<>();
        for (AnalysisResult.TargetRow row : rows) {
            colours.computeIfAbsent(row.target().modelType(), t -> PALETTE[colours.size() % PALETTE.length]);
        }
        return colours;
    }

    /** Figure 1 (one panel): the metric against model size on a log scale, one line per model type, 95% bars. */
    static String scaling(List<AnalysisResult.TargetRow> rows, Metric metric) {
        double width = 460;
        double height = 360;
        double bottom = 250;
        double right = width - 16;
        List<AnalysisResult.TargetRow> plotted = rows.stream().filter(r -> r.target().parameters().isPresent())
                .filter(r -> !Double.isNaN(metric.value.apply(r).estimate())).toList();
        Svg svg = new Svg(width, height, metric.title + " by model size and type");
        svg.text(width / 2, 18, "middle", "title", metric.title);
        if (plotted.isEmpty()) {
            return svg.text(width / 2, height / 2, "middle", "note", "no targets with a numeric size to plot").end();
        }
        double minP = plotted.stream().mapToDouble(r -> r.target().parameters().getAsDouble()).min().orElseThrow();
        double maxP = plotted.stream().mapToDouble(r -> r.target().parameters().getAsDouble()).max().orElseThrow();
        Axis x = new Axis(minP == maxP ? minP / 3 : minP / 1.5, minP == maxP ? maxP * 3 : maxP * 1.5, LEFT, right, true);
        Axis y = valueAxis(plotted, metric, bottom);
        grid(svg, y, LEFT, right, metric.share);
        Map<Double, String> sizes = new LinkedHashMap<>();
        plotted.forEach(r -> sizes.putIfAbsent(r.target().parameters().getAsDouble(), r.target().size()));
        sizes.forEach((params, label) -> {
            svg.line(x.at(params), bottom, x.at(params), bottom + 5, "axis");
            svg.text(x.at(params), bottom + 18, "middle", "tick", label);
        });
        svg.line(LEFT, bottom, right, bottom, "axis");
        svg.text((LEFT + right) / 2, bottom + 36, "middle", "label", "model size (parameters, log scale)");
        Map<String, String> colours = colours(rows);
        List<String> types = new ArrayList<>(colours.keySet());
        for (int s = 0; s < types.size(); s++) {
            String type = types.get(s);
            double dodge = (s - (types.size() - 1) / 2.0) * 5;
            List<double[]> points = new ArrayList<>();
            for (AnalysisResult.TargetRow r : plotted) {
                if (r.target().modelType().equals(type)) {
                    Bootstrap.Interval v = metric.value.apply(r);
                    double px = x.at(r.target().parameters().getAsDouble()) + dodge;
                    points.add(new double[] {px, y.at(v.estimate())});
                    intervalBar(svg, px, y, v, colours.get(type));
                    svg.circle(px, y.at(v.estimate()), 4, "point", colours.get(type), r.target().modelType() + " "
                            + r.target().size() + ": " + value(v.estimate(), metric.share) + " " + interval(v, metric.share)
                            + ", n = " + (metric.share ? r.n() : r.scored()));
                }
            }
            svg.polyline(points, "series", colours.get(type));
        }
        legend(svg, colours, bottom + 52);
        return svg.end();
    }

    private static Axis valueAxis(List<AnalysisResult.TargetRow> rows, Metric metric, double bottom) {
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
            return new Axis(0, Math.min(1, Math.max(hi * 1.15, 0.05)), bottom, TOP, false);
        }
        double pad = Math.max((hi - lo) * 0.1, 0.05);
        return new Axis(lo - pad, hi + pad, bottom, TOP, false);
    }

    private static void grid(Svg svg, Axis y, double left, double right, boolean share) {
        for (double t : y.ticks(5)) {
            svg.line(left, y.at(t), right, y.at(t), "grid");
            svg.text(left - 6, y.at(t) + 4, "end", "tick", share ? String.format(Locale.ROOT, "%.0f%%", 100 * t) : trim(t));
        }
    }

    private static void intervalBar(Svg svg, double px, Axis y, Bootstrap.Interval v, String colour) {
        if (Double.isNaN(v.lower()) || Double.isNaN(v.upper())) {
            return;
        }
        svg.line(px, y.at(v.lower()), px, y.at(v.upper()), "ci", colour);
        svg.line(px - 3, y.at(v.lower()), px + 3, y.at(v.lower()), "ci", colour);
        svg.line(px - 3, y.at(v.upper()), px + 3, y.at(v.upper()), "ci", colour);
    }

    private static void legend(Svg svg, Map<String, String> colours, double top) {
        int i = 0;
        for (Map.Entry<String, String> e : colours.entrySet()) {
            double lx = LEFT + (i % 2) * 200;
            double ly = top + (i / 2) * 17;
            svg.line(lx, ly - 4, lx + 18, ly - 4, "series", e.getValue());
            svg.circle(lx + 9, ly - 4, 3.5, "point", e.getValue(), null);
            svg.text(lx + 24, ly, "start", "legend", cut(e.getKey(), 28));
            i++;
        }
    }

    /** The rating histogram: attempts per self-rating bin, with counts and shares. */
    static String histogram(RatingHistogram histogram) {
        double width = 460;
        double height = 300;
        double bottom = 240;
        double right = width - 16;
        long max = histogram.counts().stream().mapToLong(Long::longValue).max().orElse(0);
        long total = histogram.total();
        Svg svg = new Svg(width, height, "Attempts per self-rating");
        svg.text(width / 2, 18, "middle", "title", "Attempts per self-rating");
        Axis y = new Axis(0, Math.max(1, max * 1.15), bottom, TOP, false);
        for (double t : y.ticks(5)) {
            svg.line(LEFT, y.at(t), right, y.at(t), "grid");
            svg.text(LEFT - 6, y.at(t) + 4, "end", "tick", String.format(Locale.ROOT, "%,.0f", t));
        }
        double band = (right - LEFT) / RatingHistogram.BINS;
        for (int b = 0; b < RatingHistogram.BINS; b++) {
            long count = histogram.counts().get(b);
            double bx = LEFT + b * band + band * 0.15;
            String share = total == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / total);
            svg.rect(bx, y.at(count), band * 0.7, bottom - y.at(count), "bar", "rating " + b + ": " + count + " attempts (" + share + ")");
            svg.text(bx + band * 0.35, y.at(count) - 5, "middle", "tick", String.format(Locale.ROOT, "%,d · %s", count, share));
            svg.text(bx + band * 0.35, bottom + 18, "middle", "tick", String.valueOf(b));
        }
        svg.line(LEFT, bottom, right, bottom, "axis");
        svg.text((LEFT + right) / 2, bottom + 38, "middle", "label", "self-rating: 0 = not successful … 4 = very successful");
        return svg.end();
    }

    /** Min harmlessness per rating: Tukey boxes, whiskers, the mean (dot) with its 95% interval. */
    static String harmlessnessByRating(List<RatingBoxes.Box> boxes, AnalysisResult.Correlation correlation) {
        double width = 460;
        double height = 320;
        double bottom = 260;
        double right = width - 16;
        Bootstrap.Interval rho = correlation.spearman();
        String title = "Spearman ρ = " + trim3(rho.estimate()) + " " + interval(rho, false) + ", n = " + correlation.n();
        Svg svg = new Svg(width, height, "Min harmlessness score by self-rating; " + title);
        svg.text(width / 2, 18, "middle", "title", title);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RatingBoxes.Box b : boxes) {
            for (double d : new double[] {b.whiskerLow(), b.whiskerHigh(), b.mean().lower(), b.mean().upper()}) {
                if (!Double.isNaN(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        if (lo > hi) {
            return svg.text(width / 2, height / 2, "middle", "note", "no attempts with a harmlessness score").end();
        }
        double pad = Math.max((hi - lo) * 0.08, 0.1);
        Axis y = new Axis(lo - pad, hi + pad, bottom, TOP, false);
        grid(svg, y, LEFT, right, false);
        double band = (right - LEFT) / boxes.size();
        for (RatingBoxes.Box b : boxes) {
            double cx = LEFT + (b.rating() + 0.5) * band;
            svg.text(cx, bottom + 18, "middle", "tick", b.rating() + " (n = " + b.n() + ")");
            if (b.n() == 0) {
                continue;
            }
            svg.line(cx, y.at(b.whiskerLow()), cx, y.at(b.q1()), "whisker");
            svg.line(cx, y.at(b.q3()), cx, y.at(b.whiskerHigh()), "whisker");
            svg.rect(cx - band * 0.25, y.at(b.q3()), band * 0.5, y.at(b.q1()) - y.at(b.q3()), "box",
                    "rating " + b.rating() + ": n = " + b.n() + ", median " + trim3(b.median()) + ", quartiles "
                            + trim3(b.q1()) + " to " + trim3(b.q3()) + ", mean " + trim3(b.mean().estimate()) + " "
                            + interval(b.mean(), false));
            svg.line(cx - band * 0.25, y.at(b.median()), cx + band * 0.25, y.at(b.median()), "median");
            intervalBar(svg, cx, y, b.mean(), PALETTE[1]);
            svg.circle(cx, y.at(b.mean().estimate()), 3.5, "point", PALETTE[1], null);
        }
        svg.line(LEFT, bottom, right, bottom, "axis");
        svg.verticalText(16, (TOP + bottom) / 2, "label", "min harmlessness score");
        svg.text((LEFT + right) / 2, bottom + 40, "middle", "label", "self-rating (box: quartiles, line: median, dot: mean with 95% interval)");
        return svg.end();
    }

    /** The Lorenz curve of attempts per member, with the share of the {@code top} most active members marked. */
    static String lorenz(Concentration concentration, int top) {
        double size = 300;
        double width = size + LEFT + 30;
        double height = size + TOP + 50;
        double bottom = TOP + size;
        Axis x = new Axis(0, 1, LEFT, LEFT + size, false);
        Axis y = new Axis(0, 1, bottom, TOP, false);
        Svg svg = new Svg(width, height, "Lorenz curve of attempts per red team member");
        svg.text(width / 2, 18, "middle", "title", "Lorenz curve of attempts per member");
        for (double t : x.ticks(5)) {
            svg.line(x.at(t), bottom, x.at(t), TOP, "grid");
            svg.line(LEFT, y.at(t), LEFT + size, y.at(t), "grid");
            svg.text(x.at(t), bottom + 16, "middle", "tick", String.format(Locale.ROOT, "%.0f%%", 100 * t));
            svg.text(LEFT - 6, y.at(t) + 4, "end", "tick", String.format(Locale.ROOT, "%.0f%%", 100 * t));
        }
        svg.line(x.at(0), y.at(0), x.at(1), y.at(1), "diagonal");
        List<double[]> points = new ArrayList<>();
        for (Concentration.LorenzPoint p : concentration.lorenz()) {
            points.add(new double[] {x.at(p.memberShare()), y.at(p.attemptShare())});
        }
        svg.polyline(points, "series", PALETTE[0]);
        int m = concentration.members().size();
        int k = Math.min(top, m);
        double mx = m == 0 ? 0 : (m - k) / (double) m;
        double my = 1 - concentration.topShare(k);
        String label = String.format(Locale.ROOT, "top %d members: %.1f%% of attempts", k, 100 * concentration.topShare(k));
        svg.circle(x.at(mx), y.at(my), 4.5, "point", PALETTE[1], label);
        svg.text(LEFT + 8, TOP + 16, "start", "legend", label);
        svg.text(LEFT + size / 2, bottom + 34, "middle", "label", "members, fewest attempts first");
        svg.verticalText(16, (TOP + bottom) / 2, "label", "share of attempts");
        return svg.end();
    }

    /** Attempts per tag, the {@code limit} most frequent, as horizontal bars. */
    static String tags(List<AnalysisResult.TagCount> tags, int limit) {
        List<AnalysisResult.TagCount> shown = tags.subList(0, Math.min(limit, tags.size()));
        double width = 680;
        double labels = 300;
        double row = 20;
        double height = TOP + Math.max(1, shown.size()) * row + 20;
        Svg svg = new Svg(width, height, "Attempts per tag");
        svg.text(width / 2, 18, "middle", "title", "Attempts per tag" + (tags.size() > limit ? " (the " + limit + " most frequent)" : ""));
        if (shown.isEmpty()) {
            return svg.text(width / 2, TOP + 14, "middle", "note", "no tagged attempts").end();
        }
        long max = shown.get(0).attempts();
        Axis x = new Axis(0, max * 1.12, labels, width - 16, false);
        for (int i = 0; i < shown.size(); i++) {
            AnalysisResult.TagCount t = shown.get(i);
            double ty = TOP + i * row;
            svg.text(labels - 6, ty + 13, "end", "tick", cut(t.tag(), 44));
            svg.rect(labels, ty + 2, x.at(t.attempts()) - labels, row - 5, "bar", t.tag() + ": " + t.attempts() + " attempts");
            svg.text(x.at(t.attempts()) + 4, ty + 13, "start", "tick", String.valueOf(t.attempts()));
        }
        return svg.end();
    }

    static String cut(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    static String value(double v, boolean share) {
        return share ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : trim3(v);
    }

    static String interval(Bootstrap.Interval i, boolean share) {
        return Double.isNaN(i.lower()) ? "[no interval]" : "[" + value(i.lower(), share) + ", " + value(i.upper(), share) + "]";
    }

    static String trim3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
