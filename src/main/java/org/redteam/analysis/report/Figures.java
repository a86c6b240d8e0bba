package org.redteam.analysis.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.redteam.analysis.AnalysisResult;
import org.redteam.agreement.Bootstrap;

/**
 * What the report's figures share: the layout constants (pixels), the palette and the number formats. Colours come
 * from a fixed palette, one per model type in the order of the by-target table.
 */
final class Figures {
    static final String[] PALETTE = {"#1b6ca8", "#d1495b", "#2e933c", "#c98a12", "#6a4c93", "#00798c", "#8c564b", "#555555"};
    /** The plot area's left edge and top. */
    static final double LEFT = 62;
    static final double TOP = 34;
    /** The baseline of every figure's title. */
    static final double TITLE_Y = 18;

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

    /** A figure's box with its title centred at the top; {@code label} is its accessible name. */
    static Svg.Frame frame(double width, double height, String label, String title, Optional<Svg.Text> note) {
        return new Svg.Frame(width, height, label, new Svg.Text(width / 2, TITLE_Y, title), note);
    }

    /** Horizontal grid lines from {@code left} to {@code right} at round values of {@code y}, labelled at the left. */
    static List<Svg.Tick> yTicks(Axis y, double left, double right, DoubleFunction<String> label) {
        return y.ticks(5).stream().map(t -> new Svg.Tick(new Svg.Line(left, y.at(t), right, y.at(t)),
                new Svg.Text(left - 6, y.at(t) + 4, label.apply(t)))).toList();
    }

    /** The interval of {@code v} at x, or none when it has no bounds. */
    static Optional<Svg.Interval> interval(double x, Axis y, Bootstrap.Interval v) {
        if (Double.isNaN(v.lower()) || Double.isNaN(v.upper())) {
            return Optional.empty();
        }
        return Optional.of(Svg.Interval.at(x, y.at(v.lower()), y.at(v.upper())));
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

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
