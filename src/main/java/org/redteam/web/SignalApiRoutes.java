package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.redteam.attempt.Expertise;
import org.redteam.attempt.SignalService;
import org.redteam.attempt.Signals;
import org.redteam.attempt.TurnFlag;

/**
 * The red teamers' own signals over JSON (docs/api.md): flag a picked reply as harmful (with an optional reason) or
 * take the flag back, answer whether the attack needed domain expertise, read what is stored. Only the attempt's
 * red teamer changes them, only while it is open; admins read them too.
 */
final class SignalApiRoutes {
    private final SignalService signals;
    private final JsonBodies bodies;

    SignalApiRoutes(SignalService signals, JsonBodies bodies) {
        this.signals = signals;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/attempts/{id}/signals", this::get);
        routes.post("/api/attempts/{id}/turns/{index}/flag", this::flag);
        routes.post("/api/attempts/{id}/turns/{index}/flag/undo", this::unflag);
        routes.post("/api/attempts/{id}/expertise", this::expertise);
    }

    private void get(Context ctx) {
        ctx.json(SignalsBody.of(signals.of(Auth.worker(ctx), AttemptPages.id(ctx)), signals.areas()));
    }

    private void flag(Context ctx) {
        String reason = bodies.read(ctx, FlagRequest.class, FlagRequest::problem).reason();
        ctx.json(signals.flag(Auth.worker(ctx), AttemptPages.id(ctx), AttemptPages.index(ctx), reason));
    }

    private void unflag(Context ctx) {
        long id = AttemptPages.id(ctx);
        signals.unflag(Auth.worker(ctx), id, AttemptPages.index(ctx));
        ctx.json(SignalsBody.of(signals.of(Auth.worker(ctx), id), signals.areas()));
    }

    private void expertise(Context ctx) {
        ExpertiseRequest body = bodies.read(ctx, ExpertiseRequest.class, ExpertiseRequest::problem);
        Optional<Expertise> stored = signals.expertise(Auth.worker(ctx), AttemptPages.id(ctx),
                Optional.ofNullable(body.neededExpertise()), body.expertiseArea());
        ctx.json(new ExpertiseBody(stored.map(Expertise::needed).orElse(null), stored.flatMap(Expertise::area).orElse(null)));
    }

    /** {@code POST /api/attempts/{id}/turns/{index}/flag}: {@code {"reason": "…"}}, reason optional. */
    record FlagRequest(String reason) {
        static String problem(String field, String given) {
            return "reason: must be text of at most " + SignalService.MAX_REASON + " characters";
        }
    }

    /** {@code POST /api/attempts/{id}/expertise}: both optional; null needed clears the answer. */
    record ExpertiseRequest(Boolean neededExpertise, String expertiseArea) {
        static String problem(String field, String given) {
            return field.equals("neededExpertise") ? "neededExpertise: must be true, false or null, got " + given
                    : "expertiseArea: must be text of at most " + SignalService.MAX_AREA + " characters";
        }
    }

    record ExpertiseBody(Boolean neededExpertise, String expertiseArea) {
    }

    record SignalsBody(List<TurnFlag> flags, Boolean neededExpertise, String expertiseArea, List<String> expertiseAreas) {
        static SignalsBody of(Signals s, List<String> areas) {
            return new SignalsBody(s.flags(), s.expertise().map(Expertise::needed).orElse(null),
                    s.expertise().flatMap(Expertise::area).orElse(null), areas);
        }
    }
}
