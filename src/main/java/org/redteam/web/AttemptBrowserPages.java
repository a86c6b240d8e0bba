package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.redteam.admin.AdminService;
import org.redteam.admin.AttemptBrowser;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The admin's attempt browser: {@code GET /admin/attempts} lists the campaign's attempts with filters as query
 * parameters (a filtered view is a bookmark; a filter that cannot be read is named on the page, not a 400), and
 * {@code GET /admin/attempts/{id}} shows one attempt with both candidates of every turn, its scores, its reviews and
 * the judges' verdicts (admins only: red teamers and reviewers never see a verdict).
 */
final class AttemptBrowserPages {
    private final AdminService admin;
    private final Views views;

    AttemptBrowserPages(AdminService admin, Views views) {
        this.admin = admin;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin/attempts", this::list);
        routes.get("/admin/attempts/{id}", this::attempt);
    }

    private void list(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.ADMIN);
        AttemptBrowser.Filters filters = new AttemptBrowser.Filters(ctx.queryParam("target"), ctx.queryParam("rating"),
                ctx.queryParam("minRating"), ctx.queryParam("tag"), ctx.queryParam("member"), ctx.queryParam("status"),
                ctx.queryParam("q"), ctx.queryParam("page"), ctx.queryParam("verdict"));
        ctx.header("Cache-Control", "no-store");
        views.render(ctx, "adminAttempts.jte", new Pages.AttemptBrowserList(Auth.page(ctx), admin.attempts(worker, filters)));
    }

    private void attempt(Context ctx) {
        Worker worker = Auth.worker(ctx, Role.ADMIN);
        long id = Params.id(ctx, "id", "attempt id");
        AttemptBrowser.Detail detail = admin.attempt(worker, id);
        ctx.header("Cache-Control", "no-store");
        views.render(ctx, "adminAttempt.jte", new Pages.AttemptBrowserDetail(Auth.page(ctx), detail, admin.verdicts(worker, id)));
    }
}
