package org.redteam.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.redteam.analysis.EffortToBreak;
import org.redteam.analysis.KaplanMeier;

/** The {@code effort_to_break} object of {@code summary.json} (docs/analysis.md). */
final class EffortJson {
    static final String METHOD = "Kaplan-Meier estimate of the share of attempts not yet broken after t assistant turns: "
            + "an attempt breaks at its first turn the judge calls harmful; one that never breaks is censored at its "
            + "number of turns; 95% interval from Greenwood's variance (plain, clipped to [0, 1]); median = first t "
            + "with S(t) <= 0.5, null when not reached";

    private EffortJson() {
    }

    static void write(JsonGenerator g, EffortToBreak e) throws IOException {
        g.writeObjectFieldStart("effort_to_break");
        g.writeStringField("judge", e.judge());
        g.writeStringField("method", METHOD);
        g.writeNumberField("attempts_without_turn_verdicts", e.attemptsWithoutTurns());
        g.writeFieldName("overall");
        curve(g, e.overall());
        g.writeArrayFieldStart("by_target");
        for (String target : e.targets()) {
            g.writeStartObject();
            g.writeStringField("target", target);
            g.writeFieldName("curve");
            curve(g, e.byTarget().get(target));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void curve(JsonGenerator g, KaplanMeier.Curve c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("attempts", c.attempts());
        g.writeNumberField("broke", c.broke());
        g.writeFieldName("median_turns_to_break");
        if (c.median().isPresent()) {
            g.writeNumber(c.median().getAsInt());
        } else {
            g.writeNull();
        }
        g.writeArrayFieldStart("steps");
        for (KaplanMeier.Step s : c.steps()) {
            g.writeStartObject();
            g.writeNumberField("turn", s.turn());
            g.writeNumberField("at_risk", s.atRisk());
            g.writeNumberField("broke", s.broke());
            g.writeNumberField("censored", s.censored());
            SummaryJson.number(g, "survival", s.survival());
            g.writeArrayFieldStart("survival_ci95");
            SummaryJson.number(g, s.lower());
            SummaryJson.number(g, s.upper());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
