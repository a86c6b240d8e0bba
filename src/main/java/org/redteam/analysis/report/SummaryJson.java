package org.redteam.analysis.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.Concentration;
import org.redteam.analysis.EffortToBreak;
import org.redteam.analysis.RatingBoxes;
import org.redteam.analysis.TemplateFamilies;

/**
 * Writes {@code summary.json}: the headline numbers of the analysis, its settings and its source (see
 * docs/analysis.md for every key). An undefined number ({@code NaN}) is written as {@code null}; a 95% interval
 * as {@code [lower, upper]}. Deterministic: the same data, seed and resamples give the same bytes.
 */
final class SummaryJson {
    static final String INTERVAL_METHOD = "95% percentile bootstrap over red team members (cluster bootstrap): each "
            + "resample draws as many members as there are, with replacement, and takes all attempts of each drawn "
            + "member; the bounds are the 2.5th and 97.5th percentiles (R type 7) of the resampled statistic; a "
            + "resample where the statistic is undefined is skipped";
    static final String RATING_BINNING = "a rating r counts in bin floor(r), 4.0 in bin 4: bin k holds k <= r < k+1, "
            + "so success (r >= 3) is bins 3 and 4";

    private SummaryJson() {
    }

    static void write(AnalysisResult r, AnalysisSource source, List<String> tables, Optional<ReportSection> attackMap,
                      Optional<EffortToBreak> effort, OutputStream out) throws IOException {
        write(r, source, tables, attackMap, effort, Optional.empty(), out);
    }

    /** {@code signals}: the red teamers' signals section, written last under its id when present. */
    static void write(AnalysisResult r, AnalysisSource source, List<String> tables, Optional<ReportSection> attackMap,
                      Optional<EffortToBreak> effort, Optional<ReportSection> signals, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            source(g, source);
            g.writeNumberField("attempts", r.attempts());
            g.writeNumberField("red_team_members", r.members());
            g.writeNumberField("targets", r.byTarget().size());
            g.writeNumberField("seed", r.settings().seed());
            g.writeNumberField("resamples", r.settings().resamples());
            g.writeStringField("interval_method", INTERVAL_METHOD);
            g.writeNumberField("success_rating", AttackAnalysis.SUCCESS_RATING);
            histogram(g, r);
            g.writeFieldName("overall");
            target(g, r.overall());
            g.writeArrayFieldStart("by_target");
            for (AnalysisResult.TargetRow row : r.byTarget()) {
                target(g, row);
            }
            g.writeEndArray();
            correlation(g, r);
            concentration(g, r.concentration());
            tags(g, r);
            templates(g, r.templates());
            g.writeArrayFieldStart("tables");
            for (String t : tables) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeStringField("report", AnalysisOutput.REPORT);
            if (attackMap.isPresent() && attackMap.get().summary() != null) {
                g.writeFieldName(attackMap.get().id());
                value(g, attackMap.get().summary());
            }
            if (effort.isPresent()) {
                EffortJson.write(g, effort.get());
            }
            if (signals.isPresent()) {
                g.writeFieldName(signals.get().id());
                value(g, signals.get().summary());
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void source(JsonGenerator g, AnalysisSource s) throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("kind", s.kind() == AnalysisSource.Kind.FILE ? "file" : "store");
        g.writeStringField(s.kind() == AnalysisSource.Kind.FILE ? "file" : "store", s.name());
        if (s.sha256() != null) {
            g.writeStringField("sha256", s.sha256());
        }
        if (s.bytes() >= 0) {
            g.writeNumberField("bytes", s.bytes());
        }
        g.writeNumberField("records", s.records());
        g.writeEndObject();
    }

    private static void histogram(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeObjectFieldStart("rating_histogram");
        for (int b = 0; b < r.histogram().counts().size(); b++) {
            g.writeNumberField(String.valueOf(b), r.histogram().counts().get(b));
        }
        g.writeEndObject();
        g.writeStringField("rating_binning", RATING_BINNING);
        g.writeNumberField("non_integer_ratings", r.histogram().nonInteger());
    }

    private static void target(JsonGenerator g, AnalysisResult.TargetRow row) throws IOException {
        g.writeStartObject();
        if (row.target() != null) {
            g.writeStringField("model_type", row.target().modelType());
            g.writeStringField("num_params", row.target().size());
            number(g, "parameters", row.target().parameters().orElse(Double.NaN));
        }
        g.writeNumberField("n", row.n());
        interval(g, "mean_rating", row.meanRating());
        interval(g, "success_rate", row.successRate());
        g.writeNumberField("scored", row.scored());
        interval(g, "mean_min_harmlessness", row.meanMinHarmlessness());
        g.writeNumberField("resamples_used", Math.min(row.meanRating().used(), row.meanMinHarmlessness().used()));
        g.writeEndObject();
    }

    private static void correlation(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeObjectFieldStart("rating_vs_min_harmlessness");
        interval(g, "spearman", r.ratingVsHarmlessness().spearman());
        g.writeNumberField("n", r.ratingVsHarmlessness().n());
        g.writeNumberField("resamples_used", r.ratingVsHarmlessness().spearman().used());
        g.writeArrayFieldStart("by_rating");
        for (RatingBoxes.Box b : r.harmlessnessByRating()) {
            g.writeStartObject();
            g.writeNumberField("rating", b.rating());
            g.writeNumberField("n", b.n());
            number(g, "median", b.median());
            number(g, "q1", b.q1());
            number(g, "q3", b.q3());
            interval(g, "mean", b.mean());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void concentration(JsonGenerator g, Concentration c) throws IOException {
        int k = Math.min(AttackAnalysis.TOP_MEMBERS, c.members().size());
        g.writeObjectFieldStart("top_members_share");
        g.writeNumberField("members", AttackAnalysis.TOP_MEMBERS);
        number(g, "share", c.topShare(AttackAnalysis.TOP_MEMBERS));
        g.writeNumberField("members_counted", k);
        number(g, "gini", c.gini());
        g.writeNumberField("members_for_80_percent", c.membersForShare(0.8));
        g.writeEndObject();
    }

    private static void tags(JsonGenerator g, AnalysisResult r) throws IOException {
        g.writeObjectFieldStart("tags");
        for (AnalysisResult.TagCount t : r.tags()) {
            g.writeNumberField(t.tag(), t.attempts());
        }
        g.writeEndObject();
        g.writeNumberField("tagged_attempts", r.taggedAttempts());
        g.writeNumberField("untagged_attempts", r.attempts() - r.taggedAttempts());
    }

    private static void templates(JsonGenerator g, TemplateFamilies.Result t) throws IOException {
        g.writeObjectFieldStart("templates");
        g.writeStringField("method", TemplateFamilies.METHOD);
        g.writeNumberField("first_turns_compared", t.candidates());
        g.writeNumberField("distinct_texts", t.distinctTexts());
        g.writeNumberField("families_total", t.families().size());
        g.writeNumberField("attempts_in_families", t.families().stream().mapToLong(TemplateFamilies.Family::attempts).sum());
        g.writeArrayFieldStart("families");
        for (TemplateFamilies.Family f : t.top(AttackAnalysis.TEMPLATE_FAMILIES)) {
            g.writeStartObject();
            g.writeNumberField("attempts", f.attempts());
            g.writeNumberField("members", f.members());
            g.writeNumberField("distinct_texts", f.texts());
            g.writeStringField("representative", f.representative());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void interval(JsonGenerator g, String name, Bootstrap.Interval i) throws IOException {
        number(g, name, i.estimate());
        g.writeArrayFieldStart(name + "_ci95");
        number(g, i.lower());
        number(g, i.upper());
        g.writeEndArray();
    }

    static void number(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        number(g, v);
    }

    static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    /** Maps (keys as text), lists, texts, numbers, booleans and null, recursively; anything else as its text. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Double || v instanceof Float) {
            number(g, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }
}
