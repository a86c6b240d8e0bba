package org.redteam.web;


import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.review.ReviewService;
import org.redteam.review.ReviewTask;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The reviewer's pages: the held task's preview with a content warning (open or skip), then the
 * transcript with the rating, tag and note form. A due well-being survey comes first. Reviewers never
 * see who made an attempt or which target it was made against. Every accepted POST redirects (303) to
 * {@code /reviews}, which shows what is next.
 */
final class ReviewPages {
    private final ReviewService reviews;
    private final Views views;

    ReviewPages(ReviewService reviews, Views views) {
        this.reviews = reviews;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/reviews", this::next);
        routes.get("/reviews/{taskId}", this::open);
        routes.post("/reviews/{taskId}", this::answer);
        routes.post("/reviews/{taskId}/skip", this::skip);
    }

    /** The survey if due, else the held or a newly claimed task's preview; the daily cap's 409 page comes from the service. */
    private void next(Context ctx) {
        ReviewService.Next next = reviews.next(Auth.worker(ctx, Role.REVIEWER));
        if (next instanceof ReviewService.Next.Survey survey) {
            ctx.redirect(Params.wellbeingSurvey(survey.kind()), HttpStatus.SEE_OTHER);
        } else if (next instanceof ReviewService.Next.Task task) {
            views.render(ctx, "reviewPreview.jte", new Pages.ReviewPreview(Auth.page(ctx), task.view(),
                    reviews.progress(Auth.worker(ctx)), ctx.queryParam("saved") != null));
        } else {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), "Nothing to review right now",
                    (ctx.queryParam("saved") != null ? "Saved. " : "") + "Thank you — there is no transcript waiting for you. New ones arrive when the coordinators add "
                            + "them to the queue; please come back later."));
        }
    }

    /** The transcript and the form; opening it starts the clock of time spent. A finished task goes back to /reviews. */
    private void open(Context ctx) {
        ReviewService.TaskView view = reviews.open(Auth.worker(ctx, Role.REVIEWER), taskId(ctx));
        if (view.task().status() != ReviewTask.Status.CLAIMED) {
            ctx.redirect("/reviews", HttpStatus.SEE_OTHER);
            return;
        }
        form(ctx, view, Optional.empty(), Optional.empty(), List.of(), "");
    }

    /** A rejected answer (no rating, too many tags, a long note) shows the form again with the error and the choices kept. */
    private void answer(Context ctx) {
        Worker reviewer = Auth.worker(ctx, Role.REVIEWER);
        long taskId = taskId(ctx);
        List<String> tags = ctx.formParams("tags");
        String note = Optional.ofNullable(ctx.formParam("note")).orElse("");
        String ratingText = ctx.formParam("rating");
        Optional<Integer> rating = Optional.empty();
        try {
            rating = ratingText == null || ratingText.isBlank() ? Optional.empty()
                    : Optional.of(Params.wholeNumber("rating", ratingText));
            reviews.answer(reviewer, taskId, rating.orElse(null), tags, note);
        } catch (InvalidInputException e) {
            ReviewService.TaskView view = reviews.open(reviewer, taskId);
            if (view.task().status() != ReviewTask.Status.CLAIMED) {
                throw new StateConflictException("review task " + taskId + " was already " + view.task().status().label());
            }
            ctx.status(HttpStatus.BAD_REQUEST);
            form(ctx, view, Optional.of(PlainWords.reviewAnswer(e.getMessage(), note)), rating, tags, note);
            return;
        }
        ctx.redirect("/reviews?saved=1", HttpStatus.SEE_OTHER);
    }

    private void skip(Context ctx) {
        reviews.skip(Auth.worker(ctx, Role.REVIEWER), taskId(ctx));
        ctx.redirect("/reviews", HttpStatus.SEE_OTHER);
    }

    private void form(Context ctx, ReviewService.TaskView view, Optional<String> error, Optional<Integer> rating,
                      List<String> tags, String note) {
        views.render(ctx, "reviewTask.jte", new Pages.ReviewForm(Auth.page(ctx), view, reviews.progress(Auth.worker(ctx)), ReviewService.MAX_NOTE, error,
                rating, tags, note));
    }

    private static long taskId(Context ctx) {
        return Params.id(ctx, "taskId", "review task id");
    }
}
