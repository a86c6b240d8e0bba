package org.redteam.web;


import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.redteam.campaign.Campaign;
import org.redteam.config.WellbeingSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.review.ReviewService;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The admin's review pages: the queue's progress and the three ways to add submitted attempts to it
 * (all, a seeded random sample per target, a filter), and the well-being report — daily averages per
 * survey item and recent remarks with their day only, never a name or one person's answers.
 */
final class ReviewAdminPages {
    /** How many recent free-text remarks the well-being page shows. */
    static final int RECENT_REMARKS = 50;

    private final ReviewService reviews;
    private final Wellbeing wellbeing;
    private final Campaign campaign;
    private final Views views;

    ReviewAdminPages(ReviewService reviews, Wellbeing wellbeing, Campaign campaign, Views views) {
        this.reviews = reviews;
        this.wellbeing = wellbeing;
        this.campaign = campaign;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/reviews", this::queue);
        routes.post("/admin/reviews/queue-all", this::queueAll);
        routes.post("/admin/reviews/{id}/remove", this::remove);
        routes.post("/admin/reviews/queue-sample", this::queueSample);
        routes.post("/admin/reviews/queue-filter", this::queueFilter);
        routes.get("/admin/wellbeing", this::report);
    }

    private void queueAll(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        added(ctx, reviews.enqueueAll(admin));
    }

    private void queueSample(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        int perTarget = Params.wholeNumber("perTarget", ctx.formParam("perTarget"));
        added(ctx, reviews.enqueueSample(admin, perTarget, seed(ctx.formParam("seed"))));
    }

    private void queueFilter(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        ReviewService.Filter filter = new ReviewService.Filter(new LinkedHashSet<>(ctx.formParams("targets")),
                rating("minRating", ctx.formParam("minRating")), rating("maxRating", ctx.formParam("maxRating")));
        added(ctx, reviews.enqueueFilter(admin, filter));
    }

    /** Post/redirect/get: the page says what the form did, and a reload repeats nothing. */
    private static void added(Context ctx, int count) {
        ctx.redirect("/admin/reviews?added=" + count, HttpStatus.SEE_OTHER);
    }

    /** Takes a queued attempt out of the queue; the reviews it has stay. */
    private void remove(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        long id = Params.id(ctx, "id", "attempt id");
        boolean removed = reviews.queue().remove(admin, id);
        ctx.redirect("/admin/reviews?" + (removed ? "removed=" : "absent=") + id, HttpStatus.SEE_OTHER);
    }

    private void queue(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        List<String> targets = campaign.targets().stream().map(Target::id).toList();
        views.render(ctx, "adminReviews.jte", new Pages.ReviewQueue(Auth.page(ctx), reviews.stats(admin),
                campaign.config().review().perAttempt(), targets, reviews.queue().overview(admin), confirmation(ctx)));
    }

    /** The confirmation a form's redirect asks for ({@code ?added=3}, {@code ?removed=12}, {@code ?absent=12}). */
    private static Optional<Pages.Confirmation> confirmation(Context ctx) {
        Optional<Long> added = number(ctx.queryParam("added"));
        Optional<Long> removed = number(ctx.queryParam("removed"));
        Optional<Long> absent = number(ctx.queryParam("absent"));
        if (added.isPresent()) {
            return Optional.of(new Pages.Confirmation("queue-added", "Added " + added.get() + " attempts to the review queue."));
        }
        if (removed.isPresent()) {
            return Optional.of(new Pages.Confirmation("queue-removed", "Removed attempt " + removed.get()
                    + " from the review queue; the reviews it already has are kept."));
        }
        return absent.map(id -> new Pages.Confirmation("queue-absent", "Attempt " + id + " was not in the review queue."));
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text)).filter(n -> n >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code ?kind=review|red-team} narrows the averages to one kind of survey. */
    private void report(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        String label = ctx.queryParam("kind");
        Optional<TaskKind> kind;
        try {
            kind = label == null || label.isBlank() ? Optional.empty() : Optional.of(TaskKind.parse(label));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind: must be review or red-team, got '" + label + "'");
        }
        views.render(ctx, "adminWellbeing.jte", new Pages.WellbeingReport(Auth.page(ctx), kind, WellbeingSettings.ITEMS,
                wellbeing.daily(admin, kind), wellbeing.remarks(admin, RECENT_REMARKS), campaign.config().wellbeing().minGroup()));
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("seed: must be a whole number, got '" + (text == null ? "" : text) + "'");
        }
    }

    /** An empty field means no bound. */
    private static Optional<Double> rating(String what, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value >= 0 && value <= 4)) {
                throw new InvalidInputException(what + ": must be 0 to 4, got '" + text + "'");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + ": must be a number from 0 to 4, got '" + text + "'");
        }
    }
}
