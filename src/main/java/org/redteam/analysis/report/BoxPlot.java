package org.redteam.analysis.report;

import static org.redteam.analysis.report.Figures.LEFT;
import static org.redteam.analysis.report.Figures.PALETTE;
import static org.redteam.analysis.report.Figures.TOP;
import static org.redteam.analysis.report.Figures.trim3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redteam.analysis.AnalysisResult;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.RatingBoxes;

/**
 * Min harmlessness per self-rating ({@code figure/boxPlot.jte}): Tukey boxes and whiskers, the median, and the
 * mean (dot) with its 95% interval; Spearman's ρ in the title.
 *
 * @param yLabel drawn a quarter turn anticlockwise about its anchor
 */
public record BoxPlot(Svg.Frame frame, List<Svg.Tick> yTicks, List<Box> boxes, Svg.Line axis, Svg.Text yLabel,
                      Svg.Text xLabel) {
    private static final double WIDTH = 460;
    private static final double HEIGHT = 320;
    private static final double BOTTOM = 260;
    private static final double RIGHT = WIDTH - 16;
    /** The colour of the mean and its interval. */
    public static final String MEAN = PALETTE[1];

    /** One rating: its label under the axis and, when it has attempts, its box. */
    public record Box(Svg.Text label, Optional<Shape> shape) {
    }

    /** Whiskers from the quartiles, the box with a tooltip, the median line, the mean with its interval. */
    public record Shape(Svg.Line whiskerLow, Svg.Line whiskerHigh, Svg.Rect box, Svg.Line median,
                        Optional<Svg.Interval> interval, Svg.Dot mean) {
    }

    public BoxPlot {
        yTicks = List.copyOf(yTicks);
        boxes = List.copyOf(boxes);
    }

    static BoxPlot of(List<RatingBoxes.Box> boxes, AnalysisResult.Correlation correlation) {
        Bootstrap.Interval rho = correlation.spearman();
        String title = "Spearman ρ = " + trim3(rho.estimate()) + " " + Figures.interval(rho, false) + ", n = " + correlation.n();
        String label = "Min harmlessness score by self-rating; " + title;
        Svg.Line axis = new Svg.Line(LEFT, BOTTOM, RIGHT, BOTTOM);
        Svg.Text yLabel = new Svg.Text(16, (TOP + BOTTOM) / 2, "min harmlessness score");
        Svg.Text xLabel = new Svg.Text((LEFT + RIGHT) / 2, BOTTOM + 40,
                "self-rating (box: quartiles, line: median, dot: mean with 95% interval)");
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
            Svg.Text note = new Svg.Text(WIDTH / 2, HEIGHT / 2, "no attempts with a harmlessness score");
            return new BoxPlot(Figures.frame(WIDTH, HEIGHT, label, title, Optional.of(note)), List.of(), List.of(), axis, yLabel,
                    xLabel);
        }
        double pad = Math.max((hi - lo) * 0.08, 0.1);
        Axis y = new Axis(lo - pad, hi + pad, BOTTOM, TOP, false);
        double band = (RIGHT - LEFT) / boxes.size();
        List<Box> drawn = new ArrayList<>();
        for (RatingBoxes.Box b : boxes) {
            double cx = LEFT + (b.rating() + 0.5) * band;
            drawn.add(new Box(new Svg.Text(cx, BOTTOM + 18, b.rating() + " (n = " + b.n() + ")"),
                    b.n() == 0 ? Optional.empty() : Optional.of(shape(b, cx, band * 0.25, y))));
        }
        return new BoxPlot(Figures.frame(WIDTH, HEIGHT, label, title, Optional.empty()),
                Figures.yTicks(y, LEFT, RIGHT, Figures::trim), drawn, axis, yLabel, xLabel);
    }

    private static Shape shape(RatingBoxes.Box b, double cx, double half, Axis y) {
        String tooltip = "rating " + b.rating() + ": n = " + b.n() + ", median " + trim3(b.median()) + ", quartiles "
                + trim3(b.q1()) + " to " + trim3(b.q3()) + ", mean " + trim3(b.mean().estimate()) + " "
                + Figures.interval(b.mean(), false);
        return new Shape(new Svg.Line(cx, y.at(b.whiskerLow()), cx, y.at(b.q1())),
                new Svg.Line(cx, y.at(b.q3()), cx, y.at(b.whiskerHigh())),
                new Svg.Rect(cx - half, y.at(b.q3()), 2 * half, y.at(b.q1()) - y.at(b.q3()), tooltip),
                new Svg.Line(cx - half, y.at(b.median()), cx + half, y.at(b.median())), Figures.interval(cx, y, b.mean()),
                new Svg.Dot(cx, y.at(b.mean().estimate()), 3.5, MEAN, Optional.empty()));
    }
}
