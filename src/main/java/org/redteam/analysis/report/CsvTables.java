package org.redteam.analysis.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redteam.analysis.AnalysisResult;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.Concentration;
import org.redteam.analysis.RatingBoxes;
import org.redteam.analysis.TemplateFamilies;
import org.redteam.dataset.Csv;

/**
 * The tables behind the report, one CSV file each (RFC 4180: UTF-8, CRLF, a field holding a comma, quote, CR or
 * LF is quoted with its quotes doubled). Numbers are written in full (shortest round-trip); an undefined number
 * is an empty field. Numbers are cells of a number type and written as they are ({@code -0.5} stays a number);
 * every other cell is text (labels, member ids, tags, first turns) and is written by {@link Csv.TextCells}: a
 * cell a spreadsheet would read as a formula gets a leading {@code '} unless raw ({@code --raw-csv}).
 */
final class CsvTables {
    private static final String EOL = "\r\n";

    private CsvTables() {
    }

    /** Every table: file name → rows, the first row being the header. */
    static Map<String, List<List<Object>>> of(AnalysisResult r) {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        tables.put("by_target.csv", byTarget(r.byTarget(), true));
        tables.put("overall.csv", byTarget(List.of(r.overall()), false));
        tables.put("rating_histogram.csv", histogram(r));
        tables.put("rating_vs_min_harmlessness.csv", boxes(r.harmlessnessByRating()));
        tables.put("lorenz.csv", lorenz(r.concentration()));
        tables.put("tags.csv", tags(r));
        tables.put("templates.csv", templates(r.templates()));
        return tables;
    }

    static void write(Path file, List<List<Object>> rows, Csv.TextCells text) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(field(row.get(i), text));
                }
                out.write(EOL);
            }
        }
    }

    static String field(Object value, Csv.TextCells text) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return Double.isNaN(d) || Double.isInfinite(d) ? "" : d.toString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return text.field(value.toString());
    }

    private static List<List<Object>> byTarget(List<AnalysisResult.TargetRow> rows, boolean labels) {
        List<List<Object>> table = new ArrayList<>();
        List<Object> header = new ArrayList<>(labels ? List.of("model_type", "num_params", "parameters") : List.of());
        header.addAll(List.of("n", "mean_rating", "mean_rating_ci95_low", "mean_rating_ci95_high", "success_rate",
                "success_rate_ci95_low", "success_rate_ci95_high", "scored", "mean_min_harmlessness",
                "mean_min_harmlessness_ci95_low", "mean_min_harmlessness_ci95_high"));
        table.add(header);
        for (AnalysisResult.TargetRow row : rows) {
            List<Object> cells = new ArrayList<>();
            if (labels) {
                cells.add(row.target().modelType());
                cells.add(row.target().size());
                cells.add(row.target().parameters().isPresent() ? row.target().parameters().getAsDouble() : null);
            }
            cells.add(row.n());
            interval(cells, row.meanRating());
            interval(cells, row.successRate());
            cells.add(row.scored());
            interval(cells, row.meanMinHarmlessness());
            table.add(cells);
        }
        return table;
    }

    private static void interval(List<Object> cells, Bootstrap.Interval i) {
        cells.add(i.estimate());
        cells.add(i.lower());
        cells.add(i.upper());
    }

    private static List<List<Object>> histogram(AnalysisResult r) {
        List<List<Object>> table = new ArrayList<>();
        table.add(List.of("rating", "attempts", "share"));
        long total = r.histogram().total();
        for (int b = 0; b < r.histogram().counts().size(); b++) {
            long n = r.histogram().counts().get(b);
            table.add(List.of(b, n, n / (double) total));
        }
        return table;
    }

    private static List<List<Object>> boxes(List<RatingBoxes.Box> boxes) {
        List<List<Object>> table = new ArrayList<>();
        table.add(List.of("rating", "n", "min", "whisker_low", "q1", "median", "q3", "whisker_high", "max", "mean",
                "mean_ci95_low", "mean_ci95_high"));
        for (RatingBoxes.Box b : boxes) {
            table.add(List.of(b.rating(), b.n(), b.min(), b.whiskerLow(), b.q1(), b.median(), b.q3(), b.whiskerHigh(),
                    b.max(), b.mean().estimate(), b.mean().lower(), b.mean().upper()));
        }
        return table;
    }

    /** One row per point of the Lorenz curve; the member added at that point and its attempts. */
    private static List<List<Object>> lorenz(Concentration c) {
        List<List<Object>> table = new ArrayList<>();
        table.add(List.of("members", "member_share", "attempt_share", "member_id", "member_attempts"));
        List<Concentration.LorenzPoint> points = c.lorenz();
        for (Concentration.LorenzPoint p : points) {
            List<Object> row = new ArrayList<>(List.of(p.members(), p.memberShare(), p.attemptShare()));
            if (p.members() > 0) {
                Concentration.Member m = c.members().get(p.members() - 1);
                row.add(m.id());
                row.add(m.attempts());
            } else {
                row.add(null);
                row.add(null);
            }
            table.add(row);
        }
        return table;
    }

    private static List<List<Object>> tags(AnalysisResult r) {
        List<List<Object>> table = new ArrayList<>();
        table.add(List.of("tag", "attempts", "share_of_tagged_attempts"));
        for (AnalysisResult.TagCount t : r.tags()) {
            table.add(List.of(t.tag(), t.attempts(), t.attempts() / (double) r.taggedAttempts()));
        }
        return table;
    }

    /** Every family (summary.json and the report show the largest). */
    private static List<List<Object>> templates(TemplateFamilies.Result t) {
        List<List<Object>> table = new ArrayList<>();
        table.add(List.of("rank", "attempts", "members", "distinct_texts", "representative"));
        int rank = 1;
        for (TemplateFamilies.Family f : t.families()) {
            table.add(List.of(rank++, f.attempts(), f.members(), f.texts(), f.representative()));
        }
        return table;
    }
}
