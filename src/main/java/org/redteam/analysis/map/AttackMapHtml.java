package org.redteam.analysis.map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attack map as one self-contained HTML {@code <section>} for an offline report, drawn by
 * {@code analysis/attackMap.jte}: a canvas scatter coloured by min harmlessness (diverging, legend), a tooltip
 * with the attack's text, filters by model type and size, cluster labels at their centroids, and a table of the
 * clusters. Needs no network.
 *
 * <p>Hostile text stays text: jte escapes every text of the page; the points sit in a {@code <script type=
 * "application/json">} block written by {@link ScriptJson}, so no string in it can close the block; the inline
 * script sets text with {@code textContent} and canvas {@code fillText} only. A page with a strict
 * Content-Security-Policy must allow the inline script (the report is a local file).
 */
public final class AttackMapHtml {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * What the template shows: texts and numbers formatted here, escaped by jte.
     *
     * @param scale the colour scale's half-width, formatted
     */
    public record View(String caption, List<Filter> filters, String scale, List<ClusterRow> clusters, ScriptJson data) {
    }

    /** A group of checkboxes; {@code group} and each choice's index are what the script reads. */
    public record Filter(String title, String group, List<Choice> choices) {
    }

    public record Choice(int index, String name, String count) {
    }

    public record ClusterRow(int id, String size, String meanMinHarmlessness, String terms) {
    }

    private AttackMapHtml() {
    }

    /** The section for a page being rendered by jte (the report's {@link org.redteam.analysis.report.ReportSection}). */
    public static Content content(AttackMap map) {
        View view = view(map);
        return output -> TEMPLATES.render("analysis/attackMap.jte", view, output);
    }

    /** The section as HTML text, for a page put together by hand (tests, benchmarks). */
    public static String fragment(AttackMap map) {
        StringOutput out = new StringOutput(4096 + map.points().size() * 120);
        TEMPLATES.render("analysis/attackMap.jte", view(map), out);
        return out.toString();
    }

    static View view(AttackMap map) {
        Map<String, Integer> types = counts(map.points().stream().map(MapPoint::modelType).toList());
        Map<String, Integer> sizes = counts(map.points().stream().map(MapPoint::numParams).toList());
        double scale = colourScale(map);
        String caption = String.format(Locale.ROOT, "%,d attacks (task description, or first human turn when blank) embedded "
                        + "with %s, laid out in 2-D by UMAP (%d neighbours, euclidean on unit vectors, seed %d); %d clusters by "
                        + "k-means on the map, named by their most distinctive terms (c-TF-IDF). Colour: the transcript's "
                        + "minimum harmlessness (red = more harmful, blue = more harmless).",
                map.points().size(), map.embedder(), map.neighbours(), map.seed(), map.clusters().size());
        return new View(caption, List.of(filter("Model type", "type", types), filter("Size", "size", sizes)),
                String.format(Locale.ROOT, "%.1f", scale), clusterRows(map),
                ScriptJson.of(data(map, List.copyOf(types.keySet()), List.copyOf(sizes.keySet()), scale)));
    }

    private static Filter filter(String title, String group, Map<String, Integer> values) {
        List<Choice> choices = new ArrayList<>();
        values.forEach((name, count) -> choices.add(new Choice(choices.size(), name, String.format(Locale.ROOT, "%,d", count))));
        return new Filter(title, group, choices);
    }

    private static List<ClusterRow> clusterRows(AttackMap map) {
        double[] sum = new double[map.clusters().size()];
        int[] scored = new int[sum.length];
        for (MapPoint p : map.points()) {
            if (p.minHarmlessness() != null) {
                sum[p.cluster()] += p.minHarmlessness();
                scored[p.cluster()]++;
            }
        }
        return map.clusters().stream().map(c -> new ClusterRow(c.id(), String.format(Locale.ROOT, "%,d", c.size()),
                scored[c.id()] == 0 ? "–" : String.format(Locale.ROOT, "%.2f", sum[c.id()] / scored[c.id()]),
                String.join(", ", c.terms()))).toList();
    }

    /**
     * The scale's half-width: the larger of |2nd percentile| and |98th percentile| of the scores, so a few
     * extremes do not wash out the rest; 1 when nothing is scored.
     */
    static double colourScale(AttackMap map) {
        double[] h = map.points().stream().map(MapPoint::minHarmlessness).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (h.length == 0) {
            return 1;
        }
        double low = h[(int) Math.floor(0.02 * (h.length - 1))];
        double high = h[(int) Math.ceil(0.98 * (h.length - 1))];
        double scale = Math.max(Math.abs(low), Math.abs(high));
        return scale > 0 ? scale : 1;
    }

    /** The points as columns (x, y, h, c, t, s, l) plus the type, size and cluster tables, as JSON text. */
    static String data(AttackMap map, List<String> types, List<String> sizes, double scale) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("scale", scale);
            strings(json, "types", types);
            strings(json, "sizes", sizes);
            json.writeArrayFieldStart("clusters");
            for (AttackMap.Cluster c : map.clusters()) {
                json.writeStartObject();
                json.writeNumberField("id", c.id());
                json.writeNumberField("x", c.x());
                json.writeNumberField("y", c.y());
                strings(json, "terms", c.terms());
                json.writeEndObject();
            }
            json.writeEndArray();
            List<MapPoint> points = map.points();
            numbers(json, "x", points.stream().mapToDouble(p -> round(p.x(), 1000)).toArray());
            numbers(json, "y", points.stream().mapToDouble(p -> round(p.y(), 1000)).toArray());
            json.writeArrayFieldStart("h");
            for (MapPoint p : points) {
                if (p.minHarmlessness() == null) {
                    json.writeNull();
                } else {
                    json.writeNumber(round(p.minHarmlessness(), 1000));
                }
            }
            json.writeEndArray();
            ints(json, "c", points.stream().mapToInt(MapPoint::cluster).toArray());
            ints(json, "t", points.stream().mapToInt(p -> types.indexOf(p.modelType())).toArray());
            ints(json, "s", points.stream().mapToInt(p -> sizes.indexOf(p.numParams())).toArray());
            strings(json, "l", points.stream().map(MapPoint::label).toList());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Distinct values with their counts, most frequent first (ties alphabetical). */
    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> !a.getValue().equals(b.getValue()) ? b.getValue() - a.getValue()
                : a.getKey().compareTo(b.getKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static double round(double v, double factor) {
        return Math.round(v * factor) / factor;
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void numbers(JsonGenerator json, String field, double[] values) throws IOException {
        json.writeArrayFieldStart(field);
        for (double v : values) {
            json.writeNumber(v);
        }
        json.writeEndArray();
    }

    private static void ints(JsonGenerator json, String field, int[] values) throws IOException {
        json.writeArrayFieldStart(field);
        for (int v : values) {
            json.writeNumber(v);
        }
        json.writeEndArray();
    }
}
