package org.redteam.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Side;
import org.redteam.attempt.Turn;
import org.redteam.backend.Sample;
import org.redteam.campaign.CampaignService;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.RedteamException;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON API of the red-team task (docs/api.md, docs/openapi.json); the same services as the pages. */
final class AttemptApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptApiRoutes.class);
    private final CampaignService campaigns;
    private final AttemptService attempts;
    private final Predicate<Worker> breakDue;
    private final JsonBodies bodies;
    private final ObjectMapper json;

    AttemptApiRoutes(CampaignService campaigns, AttemptService attempts, Predicate<Worker> breakDue, JsonBodies bodies,
                     ObjectMapper json) {
        this.campaigns = campaigns;
        this.attempts = attempts;
        this.breakDue = breakDue;
        this.bodies = bodies;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/me", this::me);
        routes.get("/api/campaign", this::campaign);
        routes.post("/api/consent", this::consent);
        routes.post("/api/attempts", this::start);
        routes.get("/api/attempts/{id}", this::get);
        routes.post("/api/attempts/{id}/turns", this::addTurn);
        routes.post("/api/attempts/{id}/turns/{index}/choice", this::choose);
        routes.post("/api/attempts/{id}/turns/{index}/choice/undo", this::undoChoice);
        routes.post("/api/attempts/{id}/rating", this::rate);
    }

    private void me(Context ctx) {
        ctx.json(AttemptJson.Me.of(Auth.worker(ctx)));
    }

    private void campaign(Context ctx) {
        Worker worker = Auth.worker(ctx);
        ctx.json(AttemptJson.Campaign.of(campaigns.campaign().config(), campaigns.consent(worker)));
    }

    private void consent(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        List<String> topics = bodies.read(ctx, AttemptJson.ConsentRequest.class, AttemptJson.ConsentRequest::problem).topics();
        campaigns.consent(worker, topics);
        ctx.json(new AttemptJson.Consent(topics));
    }

    private void start(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        String task = bodies.read(ctx, AttemptJson.StartRequest.class, AttemptJson.StartRequest::problem).taskDescription();
        Attempt attempt = attempts.start(worker, task);
        ctx.status(HttpStatus.CREATED).json(view(attempt, worker).withBreakReminder(breakDue.test(worker)));
    }

    private void get(Context ctx) {
        Worker worker = Auth.worker(ctx);
        ctx.json(view(attempts.get(worker, attemptId(ctx)), worker));
    }

    /**
     * With {@code Accept: text/event-stream} the answer is a stream: {@code delta} events
     * {@code {"candidate": "A", "text": "…"}} while a streaming backend writes, then one {@code turn} event
     * with the stored turn, or an {@code error} event {@code {"error", "status", "incident"}} when it fails after
     * text went out. A failure before any event is the usual JSON error with its status. A failed model
     * call says only that the assistant is unavailable, with the incident code (red teamers are blind).
     */
    private void addTurn(Context ctx) {
        Worker worker = Auth.worker(ctx);
        long id = attemptId(ctx);
        String message = bodies.read(ctx, AttemptJson.TurnRequest.class, AttemptJson.TurnRequest::problem).message();
        if (!EventStream.wanted(ctx)) {
            ctx.json(AttemptJson.TurnBody.of(attempts.addTurn(worker, id, message), false, null));
            return;
        }
        EventStream events = new EventStream(ctx, json);
        Turn turn;
        try {
            turn = attempts.addTurn(worker, id, message, (index, text) -> {
                if (index < Side.values().length) {
                    events.send("delta", new AttemptJson.Delta(Side.values()[index].name(), text));
                }
            });
        } catch (RedteamException e) {
            if (!events.started()) {
                throw e;
            }
            Optional<String> incident = e instanceof BackendUnavailableException backend ? backend.incident() : Optional.empty();
            events.send("error", new AttemptJson.StreamError(e.getMessage(), WebServer.status(e).getCode(), incident));
            return;
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.error("unexpected failure while streaming a turn of attempt {}", id, e);
            events.send("error", new AttemptJson.StreamError(WebServer.UNEXPECTED, 500));
            return;
        }
        events.send("turn", AttemptJson.TurnBody.of(turn, false, null));
    }

    private void choose(Context ctx) {
        Worker worker = Auth.worker(ctx);
        AttemptJson.ChoiceRequest choice = bodies.read(ctx, AttemptJson.ChoiceRequest.class, AttemptJson.ChoiceRequest::problem);
        long id = attemptId(ctx);
        int index = Params.position(ctx, "index", "turn index");
        Side side = choice.side();
        attempts.choose(worker, id, index, side);
        ctx.json(new AttemptJson.Choice(index, side.name()));
    }

    /** Takes back the turn's pick (within 10 s, before the next message); answers the attempt as it now stands. */
    private void undoChoice(Context ctx) {
        Worker worker = Auth.worker(ctx);
        long id = attemptId(ctx);
        attempts.undoChoice(worker, id, Params.position(ctx, "index", "turn index"));
        ctx.json(view(attempts.get(worker, id), worker));
    }

    private void rate(Context ctx) {
        Worker worker = Auth.worker(ctx);
        int rating = bodies.read(ctx, AttemptJson.RatingRequest.class, AttemptJson.RatingRequest::problem).rating();
        Attempt rated = attempts.rate(worker, attemptId(ctx), rating);
        AttemptJson.AttemptBody body = view(rated, worker);
        Optional<String> code = rated.workSetId().flatMap(s -> campaigns.finishedSet(worker, s))
                .map(set -> set.completionCode().orElseThrow());
        ctx.json(code.map(body::withCompletionCode).orElse(body));
    }

    private static long attemptId(Context ctx) {
        return Params.id(ctx, "id", "attempt id");
    }

    /**
     * The attempt as JSON. Red teamers are blind: target and backend details, and the preference
     * model's scores, go to admins only.
     */
    private AttemptJson.AttemptBody view(Attempt a, Worker viewer) {
        boolean admin = viewer.has(Role.ADMIN);
        Map<Integer, List<Sample>> samples = admin ? attempts.samples(viewer, a.id()) : Map.of();
        return AttemptJson.AttemptBody.of(a, admin, samples, admin ? campaigns.campaign().target(a.targetRowId()) : Optional.empty());
    }
}
