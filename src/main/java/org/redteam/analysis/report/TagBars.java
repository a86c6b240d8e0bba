package org.redteam.analysis.report;

import static org.redteam.analysis.report.Figures.TOP;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redteam.analysis.AnalysisResult;

/** Attempts per tag ({@code figure/tagBars.jte}), the most frequent first, as horizontal bars with the tag on the left. */
public record TagBars(Svg.Frame frame, List<Row> rows) {
    private static final double WIDTH = 680;
    /** Where the bars start: the tags are right-aligned before it. */
    private static final double LABELS = 300;
    private static final double ROW = 20;

    /** A tag (cut to 44 characters), its bar with the whole tag as tooltip, and its count after the bar. */
    public record Row(Svg.Text tag, Svg.Rect bar, Svg.Text count) {
    }

    public TagBars {
        rows = List.copyOf(rows);
    }

    /** The {@code limit} most frequent of {@code tags} (most frequent first). */
    static TagBars of(List<AnalysisResult.TagCount> tags, int limit) {
        List<AnalysisResult.TagCount> shown = tags.subList(0, Math.min(limit, tags.size()));
        double height = TOP + Math.max(1, shown.size()) * ROW + 20;
        String title = "Attempts per tag" + (tags.size() > limit ? " (the " + limit + " most frequent)" : "");
        if (shown.isEmpty()) {
            Svg.Text note = new Svg.Text(WIDTH / 2, TOP + 14, "no tagged attempts");
            return new TagBars(Figures.frame(WIDTH, height, "Attempts per tag", title, Optional.of(note)), List.of());
        }
        Axis x = new Axis(0, shown.get(0).attempts() * 1.12, LABELS, WIDTH - 16, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            AnalysisResult.TagCount t = shown.get(i);
            double ty = TOP + i * ROW;
            rows.add(new Row(new Svg.Text(LABELS - 6, ty + 13, Figures.cut(t.tag(), 44)),
                    new Svg.Rect(LABELS, ty + 2, x.at(t.attempts()) - LABELS, ROW - 5, t.tag() + ": " + t.attempts() + " attempts"),
                    new Svg.Text(x.at(t.attempts()) + 4, ty + 13, String.valueOf(t.attempts()))));
        }
        return new TagBars(Figures.frame(WIDTH, height, "Attempts per tag", title, Optional.empty()), rows);
    }
}
