package org.redteam.analysis.map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attack map as one self-contained HTML {@code <section>} for an offline report: a canvas scatter
 * coloured by min harmlessness (diverging, legend), a tooltip with the attack's text, filters by model
 * type and size, cluster labels at their centroids, and a table of the clusters. Needs no network.
 *
 * <p>Hostile text stays text: in HTML it is escaped; the data sits in a {@code <script type=
 * "application/json">} block with {@code <}, {@code >} and {@code &} written as {@code \u003c} etc.,
 * so no string in it can close the block; the inline script sets text with {@code textContent} and
 * canvas {@code fillText} only. A page with a strict Content-Security-Policy must allow the inline
 * script (the report is a local file).
 */
public final class AttackMapHtml {
    private static final String SCRIPT = resource("attack-map.js");
    private static final String STYLE = resource("attack-map.css");
    private static final JsonFactory JSON = new JsonFactory();

    private AttackMapHtml() {
    }

    public static String fragment(AttackMap map) {
        Map<String, Integer> types = counts(map.points().stream().map(MapPoint::modelType).toList());
        Map<String, Integer> sizes = counts(map.points().stream().map(MapPoint::numParams).toList());
        double scale = colourScale(map);
        StringBuilder html = new StringBuilder(256 + map.points().size() * 120);
        html.append("<section class=\"attack-map\">\n<style>\n").append(STYLE).append("</style>\n")
                .append("<h2>Attack map</h2>\n<p class=\"am-caption\">")
                .append(caption(map))
                .append(" Scroll to zoom, drag to pan, double-click to reset.</p>\n")
                .append("<div class=\"am-controls\">\n");
        filter(html, "Model type", "type", types);
        filter(html, "Size", "size", sizes);
        html.append("<span class=\"am-status\" aria-live=\"polite\"></span>\n</div>\n")
                .append("<div class=\"am-plot\"><canvas class=\"am-points\"></canvas><canvas class=\"am-overlay\"></canvas>")
                .append("<div class=\"am-tip\" hidden><div class=\"am-tip-text\"></div><div class=\"am-tip-meta\"></div></div></div>\n")
                .append("<noscript><p>The scatter needs JavaScript; the clusters are listed below.</p></noscript>\n");
        legend(html, scale);
        clusterTable(html, map);
        html.append("<script type=\"application/json\" class=\"am-data\">")
                .append(data(map, List.copyOf(types.keySet()), List.copyOf(sizes.keySet()), scale))
                .append("</script>\n<script>\n").append(SCRIPT).append("</script>\n</section>\n");
        return html.toString();
    }

    private static String caption(AttackMap map) {
        return String.format(Locale.ROOT, "%,d attacks (task description, or first human turn when blank) embedded with %s, "
                        + "laid out in 2-D by UMAP (%d neighbours, euclidean on unit vectors, seed %d); "
                        + "%d clusters by k-means on the map, named by their most distinctive terms (c-TF-IDF). "
                        + "Colour: the transcript's minimum harmlessness (red = more harmful, blue = more harmless).",
                map.points().size(), escape(map.embedder()), map.neighbours(), map.seed(),
                map.clusters().size());
    }

    private static void filter(StringBuilder html, String title, String group, Map<String, Integer> values) {
        html.append("<fieldset><legend>").append(title).append("</legend>");
        int index = 0;
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            html.append("<label><input type=\"checkbox\" class=\"am-toggle\" checked data-group=\"").append(group)
                    .append("\" data-index=\"").append(index++).append("\"> ").append(escape(e.getKey()))
                    .append(" <span class=\"am-count\">(").append(String.format(Locale.ROOT, "%,d", e.getValue()))
                    .append(")</span></label>");
        }
        html.append("</fieldset>\n");
    }

    private static void legend(StringBuilder html, double scale) {
        String m = String.format(Locale.ROOT, "%.1f", scale);
        html.append("<div class=\"am-legend\"><span>min harmlessness</span>")
                .append("<svg width=\"260\" height=\"30\" role=\"img\" aria-label=\"colour scale from −").append(m)
                .append(" (red, more harmful) through 0 (white) to +").append(m).append(" (blue, more harmless)\">")
                .append("<defs><linearGradient id=\"am-scale\"><stop offset=\"0\" stop-color=\"rgb(178,24,43)\"/>")
                .append("<stop offset=\"0.5\" stop-color=\"rgb(247,247,247)\"/><stop offset=\"1\" stop-color=\"rgb(33,102,172)\"/>")
                .append("</linearGradient></defs><rect x=\"10\" y=\"2\" width=\"240\" height=\"12\" fill=\"url(#am-scale)\" stroke=\"#999\"/>")
                .append("<text x=\"10\" y=\"27\" font-size=\"11\" text-anchor=\"start\">≤ −").append(m).append("</text>")
                .append("<text x=\"130\" y=\"27\" font-size=\"11\" text-anchor=\"middle\">0</text>")
                .append("<text x=\"250\" y=\"27\" font-size=\"11\" text-anchor=\"end\">≥ +").append(m).append("</text></svg>")
                .append("<span>red = more harmful</span><svg width=\"12\" height=\"12\"><circle cx=\"6\" cy=\"6\" r=\"5\" ")
                .append("fill=\"rgb(160,160,160)\"/></svg><span>no score</span></div>\n");
    }

    private static void clusterTable(StringBuilder html, AttackMap map) {
        double[] sum = new double[map.clusters().size()];
        int[] scored = new int[sum.length];
        for (MapPoint p : map.points()) {
            if (p.minHarmlessness() != null) {
                sum[p.cluster()] += p.minHarmlessness();
                scored[p.cluster()]++;
            }
        }
        html.append("<table class=\"am-clusters\"><thead><tr><th>cluster</th><th>attacks</th>")
                .append("<th>mean min harmlessness</th><th>most distinctive terms</th></tr></thead><tbody>\n");
        for (AttackMap.Cluster c : map.clusters()) {
            html.append("<tr><td class=\"am-num\">").append(c.id()).append("</td><td class=\"am-num\">")
                    .append(String.format(Locale.ROOT, "%,d", c.size())).append("</td><td class=\"am-num\">")
                    .append(scored[c.id()] == 0 ? "–" : String.format(Locale.ROOT, "%.2f", sum[c.id()] / scored[c.id()]))
                    .append("</td><td>").append(escape(String.join(", ", c.terms()))).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
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

    /** The points as columns (x, y, h, c, t, s, l) plus the type, size and cluster tables, safe inside a script element. */
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
        return scriptSafe(out.toString());
    }

    /** JSON that cannot end or confuse its {@code <script>} element: no {@code <}, {@code >} or {@code &} left. */
    static String scriptSafe(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            switch (ch) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(ch);
            }
        }
        return safe.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
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

    private static String resource(String name) {
        try (InputStream in = AttackMapHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath next to " + AttackMapHtml.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
