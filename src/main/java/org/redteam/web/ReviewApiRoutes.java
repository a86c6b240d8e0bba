package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.redteam.admin.AdminService;
import org.redteam.config.WellbeingSettings;
import org.redteam.problem.AccessDeniedException;
import org.redteam.review.AgreementReport;
import org.redteam.review.ReviewService;
import org.redteam.review.ReviewTask;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** The JSON API of the review task, the well-being survey, the review queue and agreement (docs/api.md, docs/openapi.json). */
final class ReviewApiRoutes {
    private final ReviewService reviews;
    private final Wellbeing wellbeing;
    private final AdminService admin;
    private final JsonBodies bodies;

    ReviewApiRoutes(ReviewService reviews, Wellbeing wellbeing, AdminService admin, JsonBodies bodies) {
        this.reviews = reviews;
        this.wellbeing = wellbeing;
        this.admin = admin;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/reviews/next", this::next);
        routes.get("/api/reviews/{taskId}", this::task);
        routes.post("/api/reviews/{taskId}", this::answer);
        routes.post("/api/reviews/{taskId}/skip", this::skip);
        routes.get("/api/wellbeing", this::wellbeingSummary);
        routes.post("/api/wellbeing", this::wellbeing);
        routes.get("/api/admin/review-queue", this::queue);
        routes.post("/api/admin/review-queue", this::enqueue);
        routes.get("/api/agreement", this::agreement);
    }

    /** 200 with the task, 200 {"wellbeingSurvey"} when one is due, 204 when nothing is left. */
    private void next(Context ctx) {
        ReviewService.Next next = reviews.next(Auth.worker(ctx));
        if (next instanceof ReviewService.Next.Task t) {
            ctx.json(ReviewJson.TaskBody.of(t.view()));
        } else if (next instanceof ReviewService.Next.Survey s) {
            ctx.json(new ReviewJson.SurveyDue(ReviewJson.Survey.of(s.kind(), s.items())));
        } else {
            ctx.status(HttpStatus.NO_CONTENT);
        }
    }

    private void task(Context ctx) {
        ctx.json(ReviewJson.TaskBody.of(reviews.open(Auth.worker(ctx), taskId(ctx))));
    }

    private void answer(Context ctx) {
        Worker reviewer = Auth.worker(ctx);
        ReviewJson.AnswerRequest a = bodies.read(ctx, ReviewJson.AnswerRequest.class, ReviewJson.AnswerRequest::problem);
        ReviewTask done = reviews.answer(reviewer, taskId(ctx), a.rating(), a.tags(), a.note());
        ctx.json(ReviewJson.Answered.of(done));
    }

    private void skip(Context ctx) {
        long id = taskId(ctx);
        reviews.skip(Auth.worker(ctx), id);
        ctx.json(new ReviewJson.Skipped(id, ReviewTask.Status.SKIPPED.label()));
    }

    private void wellbeing(Context ctx) {
        Worker worker = Auth.worker(ctx);
        ReviewJson.WellbeingRequest w = bodies.read(ctx, ReviewJson.WellbeingRequest.class, ReviewJson.WellbeingRequest::problem);
        TaskKind answered = wellbeing.answer(worker, w.taskKind(), w.answers(), Optional.ofNullable(w.freeText()));
        ctx.json(new ReviewJson.WellbeingRecorded(answered.label(), true));
    }

    /** Admins: per UTC day, the number of surveys and each item's mean; never per person. */
    private void wellbeingSummary(Context ctx) {
        Worker admin = requireAdmin(ctx, "the well-being summary");
        ctx.json(new ReviewJson.WellbeingSummary(WellbeingSettings.ITEMS,
                wellbeing.daily(admin, Optional.empty()).stream().map(ReviewJson.Day::of).toList()));
    }

    private void queue(Context ctx) {
        ctx.json(ReviewJson.QueueStats.of(reviews.stats(Auth.worker(ctx))));
    }

    private void enqueue(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
                ReviewJson.QueueRequest request = bodies.read(ctx, ReviewJson.QueueRequest.class, ReviewJson.QueueRequest::problem);
        int added;
        if (request instanceof ReviewJson.QueueSample sample) {
            added = reviews.enqueueSample(admin, sample.perTarget(), sample.seed());
        } else if (request instanceof ReviewJson.QueueFilter filter) {
            added = reviews.enqueueFilter(admin, filter.filter());
        } else {
            added = reviews.enqueueAll(admin);
        }
        ctx.json(new ReviewJson.Enqueued(added, ReviewJson.QueueStats.of(reviews.stats(admin))));
    }

    /** Admins: {@link AgreementReport}; {@code ?resamples=} (default 1000, at most 10000) and {@code ?seed=} (default 1). */
    private void agreement(Context ctx) {
        Worker worker = requireAdmin(ctx, "agreement");
        int resamples = Params.queryInt(ctx, "resamples", AgreementReport.DEFAULT_RESAMPLES, 0, AgreementReport.MAX_RESAMPLES);
        long seed = Params.queryLong(ctx, "seed", AdminService.AGREEMENT_SEED);
        ctx.json(ReviewJson.Agreement.of(admin.agreement(worker, resamples, seed)));
    }

    private static Worker requireAdmin(Context ctx, String what) {
        Worker worker = Auth.worker(ctx);
        if (!worker.has(Role.ADMIN)) {
            throw new AccessDeniedException("only admins see " + what);
        }
        return worker;
    }

    private static long taskId(Context ctx) {
        return Params.id(ctx, "taskId", "review task id");
    }
}
