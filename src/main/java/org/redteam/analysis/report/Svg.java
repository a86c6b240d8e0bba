package org.redteam.analysis.report;

import java.util.Optional;

/**
 * The marks the report's figures are drawn with, as the templates in {@code src/main/jte/analysis/figure} write
 * them. Coordinates are pixels of the figure's own box, rounded to a tenth when the mark is made ({@link #px}), so a
 * template prints them as they are and does no arithmetic. Texts are plain: the templates escape them (jte). Colours
 * are constants of {@link Figures}; CSS classes and text anchors are the templates' choice.
 */
public final class Svg {
    private Svg() {
    }

    /**
     * A figure's box, its accessible name and its title; a {@code note}, when present, stands in for the plot
     * (nothing to draw).
     */
    public record Frame(double width, double height, String label, Text title, Optional<Text> note) {
        public Frame {
            width = px(width);
            height = px(height);
        }
    }

    /** Text whose anchor point is (x, y). */
    public record Text(double x, double y, String text) {
        public Text {
            x = px(x);
            y = px(y);
        }
    }

    public record Line(double x1, double y1, double x2, double y2) {
        public Line {
            x1 = px(x1);
            y1 = px(y1);
            x2 = px(x2);
            y2 = px(y2);
        }
    }

    public record Point(double x, double y) {
        public Point {
            x = px(x);
            y = px(y);
        }
    }

    /** A circle filled with {@code colour}, with a tooltip when one is given. */
    public record Dot(double cx, double cy, double r, String colour, Optional<String> tooltip) {
        public Dot {
            cx = px(cx);
            cy = px(cy);
            r = px(r);
        }
    }

    /** A rectangle from (x, y) down and right; a negative size is drawn as 0. */
    public record Rect(double x, double y, double width, double height, String tooltip) {
        public Rect {
            x = px(x);
            y = px(y);
            width = px(Math.max(0, width));
            height = px(Math.max(0, height));
        }
    }

    /** A grid line or tick mark with its label. */
    public record Tick(Line line, Text label) {
    }

    /** A vertical 95% interval at x from pixel {@code low} to {@code high}, with caps 6 px wide. */
    public record Interval(double x, double low, double high, double capLeft, double capRight) {
        public Interval {
            x = px(x);
            low = px(low);
            high = px(high);
            capLeft = px(capLeft);
            capRight = px(capRight);
        }

        static Interval at(double x, double low, double high) {
            return new Interval(x, low, high, x - 3, x + 3);
        }
    }

    /**
     * {@code v} rounded to one decimal, halves away from zero, with -0 written as 0 and a non-finite value as 0;
     * {@link Double#toString} then writes it as "12.3" (the figures are far smaller than 10^7 px).
     */
    static double px(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        long tenths = Math.round(Math.abs(v) * 10);
        return (v < 0 ? -tenths : tenths) / 10.0;
    }
}
