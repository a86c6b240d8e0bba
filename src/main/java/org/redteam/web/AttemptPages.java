package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Side;
import org.redteam.campaign.CampaignService;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.wellbeing.SurveyDueException;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The red teamer's pages: consent → task description → chat with A/B picks → rating → next attempt
 * of the set or the completion page. Every POST redirects (303) to a page that shows the stored
 * state, so a refresh never resends and an interrupted attempt resumes where it stopped. A due
 * well-being survey comes before the next attempt.
 */
final class AttemptPages {
    private final CampaignService campaigns;
    private final AttemptService attempts;
    private final Wellbeing wellbeing;
    private final Views views;

    AttemptPages(CampaignService campaigns, AttemptService attempts, Wellbeing wellbeing, Views views) {
        this.campaigns = campaigns;
        this.attempts = attempts;
        this.wellbeing = wellbeing;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/task", this::next);
        routes.post("/task", this::start);
        routes.get("/consent", this::consentPage);
        routes.post("/consent", this::consent);
        routes.get("/attempts/{id}", this::attempt);
        routes.post("/attempts/{id}/turns", this::send);
        routes.post("/attempts/{id}/turns/{index}/choice", this::choose);
        routes.get("/attempts/{id}/rating", this::ratingPage);
        routes.post("/attempts/{id}/rating", this::rate);
        routes.get("/sets/{id}/complete", this::complete);
    }

    /** Where the red teamer should be now. */
    private void next(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        Optional<List<String>> topics = campaigns.consent(worker);
        if (topics.isEmpty()) {
            ctx.redirect("/consent", HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Attempt> open = attempts.openAttempt(worker);
        if (open.isPresent()) {
            ctx.redirect("/attempts/" + open.get().id(), HttpStatus.SEE_OTHER);
            return;
        }
        if (wellbeing.due(worker, TaskKind.RED_TEAM)) {
            ctx.redirect(Params.wellbeingSurvey(TaskKind.RED_TEAM), HttpStatus.SEE_OTHER);
            return;
        }
        CampaignService.Progress progress = campaigns.progress(worker);
        views.render(ctx, "task.jte", new Pages.NewTask(Auth.page(ctx), progress.nextPosition(), progress.setSize(),
                topics.get(), AttemptService.MAX_TASK_DESCRIPTION, wellbeing.breakDue(worker), campaigns.finishedSets(worker)));
    }

    private void consentPage(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        views.render(ctx, "consent.jte", new Pages.Consent(Auth.page(ctx), campaigns.campaign().config(),
                campaigns.consent(worker).orElse(List.of())));
    }

    private void consent(Context ctx) {
        campaigns.consent(Auth.worker(ctx, Role.RED_TEAMER), ctx.formParams("topics"));
        ctx.redirect("/task", HttpStatus.SEE_OTHER);
    }

    /** A due survey sends the red teamer to it; the daily cap's 409 page comes from the service. */
    private void start(Context ctx) {
        Attempt attempt;
        try {
            attempt = attempts.start(Auth.worker(ctx, Role.RED_TEAMER), ctx.formParam("taskDescription"));
        } catch (SurveyDueException e) {
            ctx.redirect(Params.wellbeingSurvey(e.taskKind()), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + attempt.id(), HttpStatus.SEE_OTHER);
    }

    private void attempt(Context ctx) {
        render(ctx, attempts.get(Auth.worker(ctx), id(ctx)), Optional.empty(), "");
    }

    private void render(Context ctx, Attempt attempt, Optional<String> error, String draft) {
        Worker worker = Auth.worker(ctx);
        boolean owner = attempt.workerId() == worker.id();
        Optional<String> target = worker.has(Role.ADMIN)
                ? campaigns.campaign().target(attempt.targetRowId()).map(t -> t.id() + " (" + t.labelledModelType() + ", " + t.size() + ")")
                : Optional.empty();
        views.render(ctx, "attempt.jte", new Pages.AttemptView(Auth.page(ctx), attempt, owner,
                campaigns.campaign().config().maxTurns(), AttemptService.MAX_MESSAGE, target, error, draft));
    }

    /** A failed model call shows the page again with the error and the message still in the form. */
    private void send(Context ctx) {
        long id = id(ctx);
        String message = ctx.formParam("message");
        try {
            attempts.addTurn(Auth.worker(ctx), id, message);
        } catch (BackendUnavailableException e) {
            ctx.status(WebServer.status(e));
            render(ctx, attempts.get(Auth.worker(ctx), id), Optional.of(e.getMessage()), message == null ? "" : message);
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    private void choose(Context ctx) {
        long id = id(ctx);
        attempts.choose(Auth.worker(ctx), id, index(ctx), Side.parse(ctx.formParam("moreHarmful")));
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    private void ratingPage(Context ctx) {
        Worker worker = Auth.worker(ctx);
        Attempt attempt = attempts.get(worker, id(ctx));
        if (attempt.submitted() || attempt.workerId() != worker.id() || attempt.turns().isEmpty() || attempt.awaitingChoice()) {
            ctx.redirect("/attempts/" + attempt.id(), HttpStatus.SEE_OTHER);
            return;
        }
        views.render(ctx, "rating.jte", new Pages.Rating(Auth.page(ctx), attempt));
    }

    private void rate(Context ctx) {
        Worker worker = Auth.worker(ctx);
        Attempt attempt = attempts.rate(worker, id(ctx), Params.wholeNumber("rating", ctx.formParam("rating")));
        Optional<Long> finishedSet = attempt.workSetId().filter(s -> campaigns.finishedSet(worker, s).isPresent());
        ctx.redirect(finishedSet.map(s -> "/sets/" + s + "/complete").orElse("/task"), HttpStatus.SEE_OTHER);
    }

    /**
     * The set's completion code and, for a crowd platform's campaign, the way back to it with the code; with
     * {@code redirect_seconds} a {@code Refresh} header goes there on its own (no script needed).
     */
    private void complete(Context ctx) {
        Worker worker = Auth.worker(ctx);
        org.redteam.campaign.WorkSet set = campaigns.completedSet(worker, Params.id(ctx, "id", "set id"));
        org.redteam.config.CrowdSettings crowd = campaigns.campaign().config().crowd();
        Optional<String> back = set.completionCode().flatMap(crowd::completionUrlFor);
        java.util.OptionalInt seconds = back.isPresent() ? crowd.redirectSeconds() : java.util.OptionalInt.empty();
        seconds.ifPresent(s -> ctx.header("Refresh", s + "; url=" + back.get()));
        views.render(ctx, "complete.jte", new Pages.SetComplete(Auth.page(ctx), set, worker.externalId(), back, seconds));
    }

    static long id(Context ctx) {
        return Params.id(ctx, "id", "attempt id");
    }

    static int index(Context ctx) {
        return Params.position(ctx, "index", "turn index");
    }
}
