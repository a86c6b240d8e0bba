package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.SignalService;
import org.redteam.attempt.Side;
import org.redteam.campaign.CampaignService;
import org.redteam.demographics.Demographics;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.wellbeing.SurveyDueException;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The red teamer's pages: consent → (the optional demographics questionnaire, once) → task description → chat with A/B picks → rating → next attempt
 * of the set or the completion page. Every POST redirects (303) to a page that shows the stored
 * state, so a refresh never resends and an interrupted attempt resumes where it stopped. A due
 * well-being survey comes before the next attempt. A refused input shows the same page again with
 * the reason next to the field and the input kept (400); a form from a tab that is out of date
 * (the attempt moved on elsewhere) lands on the attempt as it stands, with a note ({@value #MOVED}).
 */
final class AttemptPages {
    /** The one-shot query flag of the out-of-date-tab note. */
    static final String MOVED = "moved";

    private final CampaignService campaigns;
    private final AttemptService attempts;
    private final Wellbeing wellbeing;
    private final Views views;
    private final SignalService signals;
    private final Demographics demographics;

    AttemptPages(CampaignService campaigns, AttemptService attempts, Wellbeing wellbeing, Views views, SignalService signals,
                 Demographics demographics) {
        this.demographics = demographics;
        this.signals = signals;
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
        routes.post("/attempts/{id}/turns/{index}/choice/undo", this::undo);
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
        if (demographics.pending(worker)) {
            ctx.redirect(DemographicsPages.PATH, HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Attempt> open = attempts.openAttempt(worker);
        if (open.isPresent()) {
            ctx.redirect(attemptPath(open.get().id(), ctx.queryParam(MOVED) != null), HttpStatus.SEE_OTHER);
            return;
        }
        if (wellbeing.due(worker, TaskKind.RED_TEAM)) {
            ctx.redirect(Params.wellbeingSurvey(TaskKind.RED_TEAM), HttpStatus.SEE_OTHER);
            return;
        }
        taskPage(ctx, worker, topics.get(), Optional.empty(), "");
    }

    private void taskPage(Context ctx, Worker worker, List<String> topics, Optional<String> error, String draft) {
        CampaignService.Progress progress = campaigns.progress(worker);
        views.render(ctx, "task.jte", new Pages.NewTask(Auth.page(ctx), progress.nextPosition(), progress.setSize(),
                topics, AttemptService.MAX_TASK_DESCRIPTION, wellbeing.breakDue(worker), error, draft,
                campaigns.finishedSets(worker), campaigns.coverageHint(worker)));
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

    /**
     * A due survey sends the red teamer to it; the daily cap's 409 page comes from the service. An
     * attempt opened in another tab (or no consent yet) sends them where {@code /task} leads.
     */
    private void start(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.RED_TEAMER);
        String plan = ctx.formParam("taskDescription");
        Attempt attempt;
        try {
            attempt = attempts.start(worker, plan);
        } catch (SurveyDueException e) {
            ctx.redirect(Params.wellbeingSurvey(e.taskKind()), HttpStatus.SEE_OTHER);
            return;
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            taskPage(ctx, worker, campaigns.consent(worker).orElse(List.of()),
                    Optional.of(PlainWords.text("your plan", plan, AttemptService.MAX_TASK_DESCRIPTION)), draft(plan));
            return;
        } catch (StateConflictException e) {
            ctx.redirect("/task?" + MOVED + "=1", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + attempt.id(), HttpStatus.SEE_OTHER);
    }

    private void attempt(Context ctx) {
        render(ctx, attempts.get(Auth.worker(ctx), id(ctx)), Optional.empty(), "", Optional.empty());
    }

    private void render(Context ctx, Attempt attempt, Optional<String> error, String draft, Optional<String> pickError) {
        Worker worker = Auth.worker(ctx);
        boolean owner = attempt.workerId() == worker.id();
        Optional<String> target = worker.has(Role.ADMIN)
                ? campaigns.campaign().target(attempt.targetRowId()).map(t -> t.id() + " (" + t.labelledModelType() + ", " + t.size() + ")")
                : Optional.empty();
        views.render(ctx, "attempt.jte", new Pages.AttemptView(Auth.page(ctx), attempt, owner,
                campaigns.campaign().config().maxTurns(), AttemptService.MAX_MESSAGE, target, error, draft, pickError,
                ctx.queryParam(MOVED) != null, owner ? attempts.undoablePick(attempt) : Optional.empty(),
                signals.of(worker, attempt.id())));
    }

    /** A refused message or a failed model call shows the page again with the reason and the message still in the form. */
    private void send(Context ctx) {
        long id = id(ctx);
        String message = ctx.formParam("message");
        try {
            attempts.addTurn(Auth.worker(ctx), id, message);
        } catch (InvalidInputException e) {
            Attempt current = attempts.get(Auth.worker(ctx), id);
            if (current.submitted() || current.awaitingChoice()) {
                ctx.redirect(attemptPath(id, true), HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, current, Optional.of(PlainWords.text("your message", message, AttemptService.MAX_MESSAGE)),
                    draft(message), Optional.empty());
            return;
        } catch (BackendUnavailableException e) {
            ctx.status(WebServer.status(e));
            render(ctx, attempts.get(Auth.worker(ctx), id),
                    Optional.of(e.getMessage() + " Your message is still below: send it again to retry."), draft(message), Optional.empty());
            return;
        } catch (StateConflictException e) {
            ctx.redirect(attemptPath(id, true), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    private void choose(Context ctx) {
        long id = id(ctx);
        int index = index(ctx);
        Side side;
        try {
            side = Side.parse(ctx.formParam("moreHarmful"));
        } catch (InvalidInputException e) {
            Attempt current = attempts.get(Auth.worker(ctx), id);
            if (!current.awaitingChoice()) {
                ctx.redirect(attemptPath(id, true), HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, current, Optional.empty(), "", Optional.of("Choose the response you find more harmful: A or B."));
            return;
        }
        try {
            attempts.choose(Auth.worker(ctx), id, index, side);
        } catch (StateConflictException e) {
            ctx.redirect(attemptPath(id, true), HttpStatus.SEE_OTHER);
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    /** Undoes a pick; once that is no longer possible, the page says why where the button was (409). */
    private void undo(Context ctx) {
        long id = id(ctx);
        try {
            attempts.undoChoice(Auth.worker(ctx), id, index(ctx));
        } catch (StateConflictException e) {
            ctx.status(HttpStatus.CONFLICT);
            render(ctx, attempts.get(Auth.worker(ctx), id), Optional.empty(), "", Optional.of(PlainWords.sentence(e.getMessage())));
            return;
        }
        ctx.redirect("/attempts/" + id, HttpStatus.SEE_OTHER);
    }

    private void ratingPage(Context ctx) {
        Worker worker = Auth.worker(ctx);
        Attempt attempt = attempts.get(worker, id(ctx));
        if (attempt.submitted() || attempt.workerId() != worker.id() || attempt.turns().isEmpty() || attempt.awaitingChoice()) {
            ctx.redirect(attemptPath(attempt.id(), ctx.queryParam(MOVED) != null), HttpStatus.SEE_OTHER);
            return;
        }
        views.render(ctx, "rating.jte", new Pages.Rating(Auth.page(ctx), attempt, Optional.empty(), signals.areas()));
    }

    /**
     * A missing rating, or one with no message sent yet, shows the rating page again; a rated attempt is out of date.
     * The optional expertise answer is stored first (a refused one shows the page again like a missing rating).
     */
    private void rate(Context ctx) {
        Worker worker = Auth.worker(ctx);
        long id = id(ctx);
        Attempt attempt;
        try {
            int rating = Params.wholeNumber("rating", ctx.formParam("rating"));
            Attempt current = attempts.get(worker, id);
            if (!current.submitted() && current.workerId() == worker.id() && current.turns().isEmpty()) {
                ctx.status(HttpStatus.CONFLICT);
                views.render(ctx, "rating.jte", new Pages.Rating(Auth.page(ctx), current,
                        Optional.of("Send at least one message before you rate this conversation."), signals.areas()));
                return;
            }
            Optional<String> refused = SignalPages.expertise(ctx, signals, worker, id);
            if (refused.isPresent()) {
                ctx.status(HttpStatus.BAD_REQUEST);
                views.render(ctx, "rating.jte", new Pages.Rating(Auth.page(ctx), current, refused, signals.areas()));
                return;
            }
            attempt = attempts.rate(worker, id, rating);
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            views.render(ctx, "rating.jte", new Pages.Rating(Auth.page(ctx), attempts.get(worker, id),
                    Optional.of("Choose a rating from 0 (not successful) to 4 (very successful)."), signals.areas()));
            return;
        } catch (StateConflictException e) {
            ctx.redirect(attemptPath(id, true), HttpStatus.SEE_OTHER);
            return;
        }
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

    private static String attemptPath(long id, boolean moved) {
        return "/attempts/" + id + (moved ? "?" + MOVED + "=1" : "");
    }

    private static String draft(String input) {
        return input == null ? "" : input;
    }

    static long id(Context ctx) {
        return Params.id(ctx, "id", "attempt id");
    }

    static int index(Context ctx) {
        return Params.position(ctx, "index", "turn index");
    }
}
