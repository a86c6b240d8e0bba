package org.redteam.web;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Candidate;
import org.redteam.attempt.Side;
import org.redteam.attempt.Turn;
import org.redteam.campaign.CampaignService;
import org.redteam.config.CampaignConfig;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.RedteamException;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON API of the red-team task (docs/api.md); the same services as the pages. */
final class AttemptApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptApiRoutes.class);
    private final CampaignService campaigns;
    private final AttemptService attempts;
    private final ObjectMapper json;
    private final java.util.function.Predicate<Worker> breakDue;

    AttemptApiRoutes(CampaignService campaigns, AttemptService attempts, java.util.function.Predicate<Worker> breakDue,
                     ObjectMapper json) {
        this.campaigns = campaigns;
        this.attempts = attempts;
        this.breakDue = breakDue;
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
        routes.post("/api/attempts/{id}/rating", this::rate);
    }

    private void me(Context ctx) {
        Worker w = Auth.worker(ctx);
        ctx.json(Map.of("id", w.id(), "name", w.name(), "roles", w.roles().stream().map(Role::label).sorted().toList()));
    }

    private void campaign(Context ctx) {
        Worker worker = Auth.worker(ctx);
        CampaignConfig c = campaigns.campaign().config();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", c.name());
        body.put("contentWarning", c.contentWarning());
        body.put("instructions", c.instructions());
        body.put("exampleTopics", c.exampleTopics());
        body.put("riskTopics", c.riskTopics());
        body.put("attemptsPerSet", c.attemptsPerSet());
        body.put("maxTurns", c.maxTurns());
        body.put("consentedTopics", campaigns.consent(worker).orElse(null));
        ctx.json(body);
    }

    private void consent(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        JsonNode body = body(ctx);
        JsonNode topics = body.get("topics");
        if (topics == null || !topics.isArray()) {
            throw new InvalidInputException("topics: must be a list of the campaign's risk topics");
        }
        List<String> chosen = new ArrayList<>();
        topics.forEach(t -> chosen.add(t.asText()));
        campaigns.consent(worker, chosen);
        ctx.json(Map.of("topics", chosen));
    }

    private void start(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        Attempt attempt = attempts.start(worker, text(body(ctx), "taskDescription"));
        Map<String, Object> body = view(attempt, worker);
        body.put("breakReminder", breakDue.test(worker));
        ctx.status(HttpStatus.CREATED).json(body);
    }

    private void get(Context ctx) {
        Worker worker = Auth.worker(ctx);
        ctx.json(view(attempts.get(worker, AttemptPages.id(ctx)), worker));
    }

    /**
     * With {@code Accept: text/event-stream} the answer is a stream: {@code delta} events
     * {@code {"candidate": "A", "text": "…"}} while a streaming backend writes, then one {@code turn} event
     * with the stored turn, or an {@code error} event {@code {"error", "status"}} when it fails after
     * text went out. A failure before any event is the usual JSON error with its status.
     */
    private void addTurn(Context ctx) {
        Worker worker = Auth.worker(ctx);
        long id = AttemptPages.id(ctx);
        String message = text(body(ctx), "message");
        if (!EventStream.wanted(ctx)) {
            ctx.json(turn(attempts.addTurn(worker, id, message), false));
            return;
        }
        EventStream events = new EventStream(ctx, json);
        Turn turn;
        try {
            turn = attempts.addTurn(worker, id, message, (index, text) -> {
                if (index < Side.values().length) {
                    events.send("delta", Map.of("candidate", Side.values()[index].name(), "text", text));
                }
            });
        } catch (RedteamException e) {
            if (!events.started()) {
                throw e;
            }
            events.send("error", Map.of("error", e.getMessage(), "status", WebServer.status(e).getCode()));
            return;
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;
            }
            LOG.error("unexpected failure while streaming a turn of attempt {}", id, e);
            events.send("error", Map.of("error", WebServer.UNEXPECTED, "status", 500));
            return;
        }
        events.send("turn", turn(turn, false));
    }

    private void choose(Context ctx) {
        Worker worker = Auth.worker(ctx);
        JsonNode side = body(ctx).get("moreHarmful");
        long id = AttemptPages.id(ctx);
        int index = AttemptPages.index(ctx);
        attempts.choose(worker, id, index, Side.parse(side != null && side.isTextual() ? side.asText() : null));
        ctx.json(Map.of("index", index, "moreHarmful", side.asText()));
    }

    private void rate(Context ctx) {
        Worker worker = Auth.worker(ctx);
        JsonNode rating = body(ctx).get("rating");
        if (rating == null || !rating.isIntegralNumber() || !rating.canConvertToInt()) {
            throw new InvalidInputException("rating: must be a whole number from 0 to 4");
        }
        Attempt rated = attempts.rate(worker, AttemptPages.id(ctx), rating.intValue());
        Map<String, Object> body = view(rated, worker);
        rated.workSetId().flatMap(s -> campaigns.finishedSet(worker, s))
                .ifPresent(set -> body.put("completionCode", set.completionCode().orElseThrow()));
        ctx.json(body);
    }

    /** The request body as a JSON object, or 400 saying why not; shared by the API route classes. */
    static JsonNode body(Context ctx, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private JsonNode body(Context ctx) {
        return body(ctx, json);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(field + ": required, as a JSON string");
        }
        return value.asText();
    }

    /**
     * The attempt as JSON. Red teamers are blind: target and backend details, and the preference
     * model's scores, go to admins only.
     */
    private Map<String, Object> view(Attempt a, Worker viewer) {
        boolean admin = viewer.has(Role.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("status", a.status().label());
        body.put("taskDescription", a.taskDescription());
        body.put("rating", a.rating().map(Double::intValue).orElse(null));
        body.put("setPosition", a.setPosition().orElse(null));
        body.put("createdAt", a.createdAt().toString());
        body.put("submittedAt", a.submittedAt().map(Object::toString).orElse(null));
        java.util.Map<Integer, List<org.redteam.backend.Sample>> samples = admin ? attempts.samples(viewer, a.id()) : java.util.Map.of();
        body.put("turns", a.turns().stream().map(t -> {
            Map<String, Object> turn = turn(t, admin);
            if (samples.containsKey(t.index())) {
                turn.put("samples", samples.get(t.index()).stream()
                        .map(x -> Map.of("text", x.text(), "harmlessness", x.harmlessness())).toList());
            }
            return turn;
        }).toList());
        if (admin) {
            body.put("workerId", a.workerId());
            campaigns.campaign().target(a.targetRowId()).ifPresent(t -> body.put("target",
                    Map.of("id", t.id(), "modelType", t.labelledModelType(), "size", t.size(), "demo", t.demo())));
            body.put("minHarmlessness", a.scores().minHarmlessness().orElse(null));
            body.put("taskDescriptionHarmlessness", a.scores().taskDescriptionHarmlessness().orElse(null));
            body.put("scoredBy", a.scores().scoredBy().orElse(null));
        }
        return body;
    }

    private static Map<String, Object> turn(Turn t, boolean admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index", t.index());
        body.put("message", t.message());
        body.put("candidates", t.candidates().stream().map(c -> candidate(c, admin)).toList());
        body.put("moreHarmful", t.moreHarmful().map(Side::name).orElse(null));
        return body;
    }

    private static Map<String, Object> candidate(Candidate c, boolean admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("side", c.side().name());
        body.put("text", c.text());
        if (admin) {
            body.put("backend", c.backend());
            body.put("latencyMs", c.latencyMillis());
            body.put("finishReason", c.finishReason());
        }
        return body;
    }
}
