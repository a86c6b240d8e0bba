package org.redteam.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.KaplanMeier;
import org.redteam.problem.InvalidInputException;

/** Writes {@code compare.json} (the numbers) and {@code compare.html} (one page; escaped, no script). */
public final class CompareReport {
    public static final String JSON = "compare.json";
    public static final String HTML = "compare.html";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareReport() {
    }

    public static void write(CompareResult result, Map<String, Object> inputs, Path out) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(JSON), MAPPER.writeValueAsString(json(result, inputs)) + "\n", StandardCharsets.UTF_8);
            StringOutput html = new StringOutput();
            TemplateEngine.createPrecompiled(ContentType.Html).render("compare/report.jte", new ComparePage(result, inputs), html);
            Files.writeString(out.resolve(HTML), html.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot write to " + out + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> json(CompareResult r, Map<String, Object> inputs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        CompareSettings s = r.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", s.seed());
        settings.put("resamples", s.resamples());
        settings.put("novelty_threshold", s.noveltyThreshold());
        settings.put("cost_per_human_attack", s.costPerHumanAttack());
        settings.put("token_price_per_1k", s.tokenPricePer1k());
        settings.put("embedding_dimension", r.dimension());
        json.put("settings", settings);
        json.put("judges", Map.of("human", judge(s.humanJudge()), "automated", judge(s.automatedJudge())));
        List<Object> targets = new ArrayList<>();
        for (CompareResult.TargetRow t : r.targets()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("human_target", t.human());
            row.put("automated_target", t.automated());
            row.put("paired", t.paired());
            row.put("human", rate(t.humanRate()));
            row.put("automated", rate(t.automatedRate()));
            targets.add(row);
        }
        json.put("targets", targets);
        json.put("human", side(r.human()));
        json.put("automated", side(r.automated()));
        json.put("clusters", r.clusters().stream().map(c -> Map.of("id", c.id(), "human", c.human(), "automated",
                c.automated())).toList());
        return json;
    }

    private static Map<String, Object> judge(CompareSettings.JudgeInfo j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("version", j.version());
        m.put("precision", j.accuracy().map(a -> (Object) a.precision()).orElse(null));
        m.put("recall", j.accuracy().map(a -> (Object) a.recall()).orElse(null));
        m.put("accuracy_n", j.accuracy().map(a -> (Object) a.n()).orElse(null));
        m.put("measured_on", j.accuracy().map(a -> (Object) a.measuredOn()).orElse(null));
        return m;
    }

    private static Map<String, Object> rate(CompareResult.Rate r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", r.items());
        m.put("harmful", r.harmful());
        m.put("decided", r.decided());
        m.put("undetermined", r.undetermined());
        m.put("success_rate", interval(r.successRate()));
        return m;
    }

    static Map<String, Object> interval(Bootstrap.Interval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimate", number(i.estimate()));
        m.put("lower", number(i.lower()));
        m.put("upper", number(i.upper()));
        return m;
    }

    private static Object number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Object number(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static Map<String, Object> side(CompareResult.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attacks", s.attacks());
        m.put("items", s.items());
        m.put("successes", s.successes());
        m.put("success_rate", interval(s.successRate()));
        m.put("mean_pairwise_distance", number(s.meanPairwiseDistance()));
        m.put("clusters_covered", s.clustersCovered());
        m.put("tags_covered", s.tags().size());
        m.put("tags", s.tags());
        m.put("near_duplicate_share", number(s.nearDuplicateShare()));
        m.put("novel_share", number(s.novelShare()));
        m.put("effort", curve(s.effort()));
        Map<String, Object> byTarget = new LinkedHashMap<>();
        new java.util.TreeMap<>(s.effortByTarget()).forEach((t, c) -> byTarget.put(t, curve(c)));
        m.put("effort_by_target", byTarget);
        m.put("tokens", s.tokens());
        m.put("tokens_per_success", number(s.tokensPerSuccess()));
        m.put("cost_per_success", number(s.costPerSuccess()));
        return m;
    }

    private static Map<String, Object> curve(KaplanMeier.Curve c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempts", c.attempts());
        m.put("broke", c.broke());
        m.put("median_turns", c.median().isPresent() ? c.median().getAsInt() : null);
        m.put("steps", c.steps().stream().map(st -> Map.of("turn", st.turn(), "at_risk", st.atRisk(), "broke", st.broke(),
                "survival", st.survival())).toList());
        return m;
    }
}
