package org.redteam.analysis.report;

import static org.redteam.analysis.report.Figures.LEFT;
import static org.redteam.analysis.report.Figures.TOP;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.redteam.analysis.RatingHistogram;

/** The rating histogram ({@code figure/barChart.jte}): attempts per self-rating bin, each bar labelled with its count and share. */
public record BarChart(Svg.Frame frame, List<Svg.Tick> yTicks, List<Bar> bars, Svg.Line axis, Svg.Text xLabel) {
    private static final double WIDTH = 460;
    private static final double HEIGHT = 300;
    private static final double BOTTOM = 240;
    private static final double RIGHT = WIDTH - 16;
    private static final String TITLE = "Attempts per self-rating";

    /** A bar with its value above it and its category below the axis. */
    public record Bar(Svg.Rect rect, Svg.Text value, Svg.Text category) {
    }

    public BarChart {
        yTicks = List.copyOf(yTicks);
        bars = List.copyOf(bars);
    }

    static BarChart of(RatingHistogram histogram) {
        long max = histogram.counts().stream().mapToLong(Long::longValue).max().orElse(0);
        long total = histogram.total();
        Axis y = new Axis(0, Math.max(1, max * 1.15), BOTTOM, TOP, false);
        double band = (RIGHT - LEFT) / RatingHistogram.BINS;
        List<Bar> bars = new ArrayList<>();
        for (int b = 0; b < RatingHistogram.BINS; b++) {
            long count = histogram.counts().get(b);
            double bx = LEFT + b * band + band * 0.15;
            String share = total == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / total);
            bars.add(new Bar(new Svg.Rect(bx, y.at(count), band * 0.7, BOTTOM - y.at(count), "rating " + b + ": " + count
                    + " attempts (" + share + ")"),
                    new Svg.Text(bx + band * 0.35, y.at(count) - 5, String.format(Locale.ROOT, "%,d · %s", count, share)),
                    new Svg.Text(bx + band * 0.35, BOTTOM + 18, String.valueOf(b))));
        }
        return new BarChart(Figures.frame(WIDTH, HEIGHT, TITLE, TITLE, Optional.empty()),
                Figures.yTicks(y, LEFT, RIGHT, t -> String.format(Locale.ROOT, "%,.0f", t)), bars,
                new Svg.Line(LEFT, BOTTOM, RIGHT, BOTTOM),
                new Svg.Text((LEFT + RIGHT) / 2, BOTTOM + 38, "self-rating: 0 = not successful … 4 = very successful"));
    }
}
