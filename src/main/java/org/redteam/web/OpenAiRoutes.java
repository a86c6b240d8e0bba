package org.redteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.redteam.attempt.AutomationService;
import org.redteam.backend.Completion;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.NotSignedInException;
import org.redteam.problem.RedteamException;
import org.redteam.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets as an OpenAI-compatible endpoint for automated tools (docs/replay.md): {@code GET /v1/models} and
 * {@code POST /v1/chat/completions}, for workers with the automation role and their bearer token only (a session
 * cookie is refused with 401). Failures answer in OpenAI's error shape ({@link #error}).
 */
final class OpenAiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AutomationService automation;
    private final ObjectMapper json;
    private final long created = System.currentTimeMillis() / 1000;

    OpenAiRoutes(AutomationService automation, ObjectMapper json) {
        this.automation = automation;
        this.json = json;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/models", this::models);
        routes.post("/v1/chat/completions", this::complete);
    }

    static boolean path(Context ctx) {
        return ctx.path().startsWith("/v1/");
    }

    /** OpenAI's error body for a failure on these routes: the message, a type by status, a code. */
    static OpenAiJson.Error error(int status, String message) {
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_api_key";
            case 403 -> "permission_denied";
            case 404 -> message.startsWith("model:") ? "model_not_found" : "not_found";
            case 409 -> "conflict";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_exceeded";
            case 502 -> "upstream_error";
            case 503 -> "upstream_overloaded";
            case 504 -> "upstream_timeout";
            default -> "internal_error";
        };
        return OpenAiJson.Error.of(status, message, code);
    }

    private static Worker worker(Context ctx) {
        Auth.Principal principal = Auth.principal(ctx).orElseThrow(() -> new NotSignedInException(
                "send the automation worker's API token: Authorization: Bearer <token>"));
        if (principal.csrfToken().isPresent()) {
            throw new NotSignedInException("session cookies are not accepted here; send an automation worker's API token");
        }
        return principal.worker();
    }

    private void models(Context ctx) {
        List<OpenAiJson.Model> models = automation.targets(worker(ctx)).stream()
                .map(t -> new OpenAiJson.Model(t.id(), "model", created, "redteam")).toList();
        ctx.json(new OpenAiJson.ModelList("list", models));
    }

    private void complete(Context ctx) {
        Worker worker = worker(ctx);
        automation.targets(worker); // 403 before the body is read
        OpenAiJson.ChatRequest request = OpenAiJson.parse(json, ctx.body());
        String id = "chatcmpl-" + HexFormat.of().formatHex(RANDOM.generateSeed(12));
        long now = System.currentTimeMillis() / 1000;
        long seed = request.seed().orElseGet(RANDOM::nextLong);
        if (!request.stream()) {
            AutomationService.Reply reply = automation.complete(worker, request.model(), request.conversation(), request.n(), seed,
                    (index, text) -> { });
            List<OpenAiJson.Choice> choices = new ArrayList<>();
            for (int i = 0; i < reply.completions().size(); i++) {
                Completion c = reply.completions().get(i);
                choices.add(new OpenAiJson.Choice(i, new OpenAiJson.AssistantMessage("assistant", c.text()), c.finishReason()));
            }
            ctx.json(new OpenAiJson.Completion(id, "chat.completion", now, request.model(), choices));
            return;
        }
        Chunks chunks = new Chunks(ctx, id, now, request.model(), request.n());
        AutomationService.Reply reply;
        try {
            reply = automation.complete(worker, request.model(), request.conversation(), request.n(), seed, chunks::delta);
        } catch (RedteamException e) {
            if (!chunks.started()) {
                throw e;
            }
            int status = e instanceof BackendUnavailableException b ? b.failure().status() : WebServer.status(e).getCode();
            chunks.data(error(status, e.getMessage()));
            return;
        } catch (RuntimeException e) {
            if (!chunks.started()) {
                throw e;
            }
            LOG.error("unexpected failure while streaming a chat completion", e);
            chunks.data(error(500, WebServer.UNEXPECTED));
            return;
        }
        chunks.finish(reply.completions());
    }

    /**
     * A {@code text/event-stream} of {@code chat.completion.chunk} events: the assistant role first, then text as
     * the backend writes it; a reply the backend did not stream (rejection sampling) goes out whole in one chunk; then
     * each choice's finish reason and {@code data: [DONE]}.
     */
    private final class Chunks {
        private final Context ctx;
        private final String id;
        private final long created;
        private final String model;
        private final StringBuilder[] sent;
        private OutputStream out;
        private boolean gone;

        Chunks(Context ctx, String id, long created, String model, int n) {
            this.ctx = ctx;
            this.id = id;
            this.created = created;
            this.model = model;
            this.sent = new StringBuilder[n];
        }

        synchronized boolean started() {
            return out != null;
        }

        synchronized void delta(int index, String text) {
            if (index < 0 || index >= sent.length || text.isEmpty()) {
                return;
            }
            text(index, text);
        }

        synchronized void finish(List<Completion> completions) {
            for (int i = 0; i < completions.size(); i++) {
                String streamed = sent[i] == null ? "" : sent[i].toString();
                String whole = completions.get(i).text();
                if (whole.startsWith(streamed) && whole.length() > streamed.length()) {
                    text(i, whole.substring(streamed.length())); // not streamed at all (rejection sampling): the whole text
                } else if (sent[i] == null) {
                    text(i, whole);
                }
            }
            for (int i = 0; i < completions.size(); i++) {
                chunk(new OpenAiJson.ChunkChoice(i, Map.of(), completions.get(i).finishReason()));
            }
            write("data: [DONE]\n\n");
        }

        private void text(int index, String text) {
            if (sent[index] == null) {
                sent[index] = new StringBuilder();
                chunk(new OpenAiJson.ChunkChoice(index, Map.of("role", "assistant", "content", ""), null));
            }
            sent[index].append(text);
            chunk(new OpenAiJson.ChunkChoice(index, Map.of("content", text), null));
        }

        private void chunk(OpenAiJson.ChunkChoice choice) {
            data(new OpenAiJson.Chunk(id, "chat.completion.chunk", created, model, List.of(choice)));
        }

        synchronized void data(Object value) {
            try {
                write("data: " + json.writeValueAsString(value) + "\n\n");
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(String event) {
            if (gone) {
                return;
            }
            try {
                if (out == null) {
                    ctx.status(200);
                    ctx.res().setContentType("text/event-stream;charset=utf-8");
                    ctx.res().setHeader("Cache-Control", "no-store");
                    ctx.res().setHeader("X-Accel-Buffering", "no");
                    out = ctx.res().getOutputStream();
                }
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
