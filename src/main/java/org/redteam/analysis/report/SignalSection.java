package org.redteam.analysis.report;

import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redteam.analysis.SignalStats;

/**
 * The red teamers' own signals as a report section ({@code red_team_signals} in summary.json): flags against a judge,
 * success by expertise. Only made when some attempt carries a signal, so other reports stay as they were.
 */
public final class SignalSection implements ReportSection {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SignalStats.Report report;

    public SignalSection(SignalStats.Report report) {
        this.report = report;
    }

    @Override
    public String id() {
        return "red_team_signals";
    }

    @Override
    public String title() {
        return "Red teamers' own signals";
    }

    @Override
    public Content html() {
        return output -> TEMPLATES.render("analysis/signals.jte", report, output);
    }

    @Override
    public Object summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("flagged_turns", report.flaggedTurns());
        s.put("expertise_answered", report.answered());
        report.flags().ifPresent(t -> {
            Map<String, Object> flags = new LinkedHashMap<>();
            flags.put("judge", t.judge());
            flags.put("flagged_harmful", t.flaggedHarmful());
            flags.put("flagged_not_harmful", t.flaggedNot());
            flags.put("unflagged_harmful", t.unflaggedHarmful());
            flags.put("unflagged_not_harmful", t.neither());
            flags.put("undetermined", t.undetermined());
            flags.put("agreement", rateMap(t.agreement()));
            flags.put("kappa", t.kappa().orElse(null));
            s.put("flags_vs_judge", flags);
        });
        s.put("success_by_expertise", groups(report.byExpertise()));
        s.put("success_by_area", groups(report.byArea()));
        return s;
    }

    private static List<Object> groups(List<SignalStats.Group> groups) {
        return groups.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", g.label());
            m.putAll(rateMap(g.success()));
            return (Object) m;
        }).toList();
    }

    private static Map<String, Object> rateMap(SignalStats.Rate r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", r.k());
        m.put("n", r.n());
        m.put("rate", r.estimate());
        m.put("lower", r.lower());
        m.put("upper", r.upper());
        return m;
    }

    /** "0.667 [0.300, 0.903]", or "–" for no attempts. */
    public static String rate(SignalStats.Rate r) {
        return r.n() == 0 ? "–" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.estimate(), r.lower(), r.upper());
    }

    public static String number(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
