package org.redteam.web;


import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redteam.config.WellbeingSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.Worker;

/**
 * The well-being survey, for any signed-in worker whose survey is due: 10 affect items rated 0–4 and
 * an optional remark. {@code ?kind=review|red-team} says which one when the worker came from that task;
 * after the answer the worker goes back to it ({@code /reviews} or {@code /task}).
 */
final class WellbeingPages {
    private final Wellbeing wellbeing;
    private final Views views;

    WellbeingPages(Wellbeing wellbeing, Views views) {
        this.wellbeing = wellbeing;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/wellbeing", this::survey);
        routes.post("/wellbeing", this::answer);
    }

    /** Where a worker goes after answering the survey of this kind. */
    static String after(TaskKind kind) {
        return kind == TaskKind.REVIEW ? "/reviews" : "/task";
    }

    private void survey(Context ctx) {
        Worker worker = Auth.worker(ctx);
        Optional<TaskKind> requested = kind(ctx.queryParam("kind"));
        Optional<TaskKind> due = requested.isPresent()
                ? requested.filter(k -> wellbeing.due(worker, k)).or(() -> wellbeing.due(worker))
                : wellbeing.due(worker);
        if (due.isEmpty()) {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), "No survey is due",
                    "There is no well-being survey for you to answer right now. Thank you for checking in."));
            return;
        }
        render(ctx, due.get(), Optional.empty(), Map.of(), "");
    }

    /** A missing or invalid answer shows the survey again with the error and the answers kept. */
    private void answer(Context ctx) {
        Worker worker = Auth.worker(ctx);
        Optional<TaskKind> kind = kind(ctx.formParam("kind"));
        String freeText = Optional.ofNullable(ctx.formParam("freeText")).orElse("");
        Map<String, Integer> answers = new LinkedHashMap<>();
        TaskKind answered;
        try {
            for (String item : WellbeingSettings.ITEMS) {
                String value = ctx.formParam(item);
                if (value != null && !value.isBlank()) {
                    answers.put(item, Params.wholeNumber(item, value));
                }
            }
            answered = wellbeing.answer(worker, kind, answers, Optional.of(freeText));
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, kind.or(() -> wellbeing.due(worker)).orElse(TaskKind.REVIEW), Optional.of(e.getMessage()),
                    answers, freeText);
            return;
        }
        ctx.redirect(after(answered), HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, TaskKind kind, Optional<String> error, Map<String, Integer> answers, String freeText) {
        views.render(ctx, "wellbeing.jte", new Pages.WellbeingSurvey(Auth.page(ctx), kind, WellbeingSettings.ITEMS,
                Wellbeing.MAX_FREE_TEXT, error, answers, freeText));
    }

    private static Optional<TaskKind> kind(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskKind.parse(label));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind: must be review or red-team, got '" + label + "'");
        }
    }
}
