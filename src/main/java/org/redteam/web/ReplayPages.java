package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.redteam.problem.InvalidInputException;
import org.redteam.replay.AttackFilter;
import org.redteam.replay.StoredRun;
import org.redteam.replay.ReplayService;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The admin's replay pages: the runs with their progress and the form that starts one (the store's attacks by
 * filter, some targets, some judges, replies per turn), a run's progress and success so far, and its results as
 * {@code results.jsonl}.
 */
final class ReplayPages {
    private final ReplayService replays;
    private final Views views;

    ReplayPages(ReplayService replays, Views views) {
        this.replays = replays;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/replays", this::runs);
        routes.post("/admin/replays", this::start);
        routes.get("/admin/replays/{id}", this::run);
        routes.get("/admin/replays/{id}/results.jsonl", this::results);
        routes.get("/admin/replays/{id}/report", this::report);
    }

    private void runs(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        List<ReplayViews.Row> rows = replays.runs(admin).stream()
                .map(r -> new ReplayViews.Row(r, replays.progress(admin, r))).toList();
        views.render(ctx, "adminReplays.jte", new ReplayViews.Runs(Auth.page(ctx), rows, replays.targetIds(),
                replays.judgeIds(), ReplayService.MAX_SAMPLES));
    }

    /** Post/redirect/get: the new run's page. */
    private void start(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        AttackFilter filter = new AttackFilter(rating(ctx.formParam("minRating")), tags(ctx.formParam("tags")),
                text(ctx.formParam("modelType")), text(ctx.formParam("judgedHarmfulBy")), limit(ctx.formParam("limit")),
                seed(ctx.formParam("seed")), ctx.formParam("dedupe") != null);
        String samples = ctx.formParam("samples");
        ReplayService.Request request = new ReplayService.Request(ctx.formParam("name"), filter, ctx.formParams("targets"),
                ctx.formParams("judges"), samples == null || samples.isBlank() ? 1 : Params.wholeNumber("samples", samples));
        StoredRun run = replays.start(admin, request);
        ctx.redirect("/admin/replays/" + run.id(), HttpStatus.SEE_OTHER);
    }

    private void run(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        StoredRun run = replays.run(admin, Params.id(ctx, "id", "replay run id"));
        views.render(ctx, "adminReplay.jte", new ReplayViews.Run(Auth.page(ctx), run, replays.progress(admin, run),
                replays.success(admin, run)));
    }

    /** One line per done item, streamed: a large run is never held whole. */
    /** The run's report.html over the items done so far. */
    private void report(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        StoredRun run = replays.run(admin, Params.id(ctx, "id", "replay run id"));
        ctx.html(replays.report(admin, run));
    }

    private void results(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        StoredRun run = replays.run(admin, Params.id(ctx, "id", "replay run id"));
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"replay-" + run.id() + "-results.jsonl\"");
        OutputStream out = ctx.outputStream();
        replays.results(admin, run, line -> {
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static List<String> tags(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static OptionalDouble rating(String text) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value >= 0 && value <= 4)) {
                throw new InvalidInputException("minRating: must be 0 to 4, got '" + text + "'");
            }
            return OptionalDouble.of(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("minRating: must be a number from 0 to 4, got '" + text + "'");
        }
    }

    private static OptionalInt limit(String text) {
        if (text == null || text.isBlank()) {
            return OptionalInt.empty();
        }
        int limit = Params.wholeNumber("limit", text);
        if (limit < 1) {
            throw new InvalidInputException("limit: must be at least 1, got " + limit);
        }
        return OptionalInt.of(limit);
    }

    private static long seed(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("seed: must be a whole number, got '" + text + "'");
        }
    }
}
