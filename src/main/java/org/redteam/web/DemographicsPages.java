package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redteam.demographics.Demographics;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The optional demographics questionnaire, shown once between consent and the first task when the campaign enables
 * it ({@code /task} sends the red teamer here while no response is stored). "Send" stores the chosen answers (any may
 * be left blank), "Skip" stores only that they skipped; either way the questionnaire never comes back.
 */
final class DemographicsPages {
    static final String PATH = "/demographics";
    /** Form fields carrying answers are named {@code q.<question id>}. */
    private static final String FIELD = "q.";

    private final Demographics demographics;
    private final Views views;

    DemographicsPages(Demographics demographics, Views views) {
        this.demographics = demographics;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::form);
        routes.post(PATH, this::respond);
    }

    private void form(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        if (!demographics.pending(worker)) {
            ctx.redirect("/task", HttpStatus.SEE_OTHER);
            return;
        }
        views.render(ctx, "demographics.jte", new Pages.DemographicsForm(Auth.page(ctx),
                demographics.settings().questions(), demographics.settings().minGroup()));
    }

    private void respond(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        if ("skip".equals(ctx.formParam("action"))) {
            demographics.skip(worker);
        } else {
            Map<String, String> answers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> field : ctx.formParamMap().entrySet()) {
                if (field.getKey().startsWith(FIELD) && !field.getValue().isEmpty()) {
                    answers.put(field.getKey().substring(FIELD.length()), field.getValue().get(0));
                }
            }
            demographics.answer(worker, answers);
        }
        ctx.redirect("/task", HttpStatus.SEE_OTHER);
    }
}
