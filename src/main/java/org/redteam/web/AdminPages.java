package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.redteam.admin.AdminService;
import org.redteam.worker.Role;
import org.redteam.worker.StudyAccess;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerAccess;
import org.redteam.worker.WorkerService;

/** The admin's view of the campaign: targets (demo ones labelled), workers and their invites, recent attempts and incidents. */
final class AdminPages {
    private final WorkerService workers;
    private final WorkerAccess access;
    private final AdminService admin;
    private final StudyAccess study;
    private final Views views;
    private final Links links;
    private final OneTimeSecrets<Pages.Shown> secrets = new OneTimeSecrets<>(java.time.Clock.systemUTC());

    AdminPages(WorkerService workers, WorkerAccess access, AdminService admin, StudyAccess study, Views views, Links links) {
        this.workers = workers;
        this.access = access;
        this.admin = admin;
        this.study = study;
        this.views = views;
        this.links = links;
    }

    void register(RoutesConfig routes) {
        routes.get("/admin", ctx -> render(ctx, Optional.empty(), false));
        routes.get("/admin/secrets/{key}", this::showSecret);
        routes.post("/admin/workers", this::addWorker);
        routes.post("/admin/workers/{id}/invite", this::reissue);
        routes.post("/admin/workers/{id}/deactivate", ctx -> change(ctx, (admin, id) -> access.deactivate(admin, id)));
        routes.post("/admin/workers/{id}/activate", ctx -> change(ctx, (admin, id) -> access.activate(admin, id)));
        routes.post("/admin/workers/{id}/roles", ctx -> change(ctx, (admin, id) -> access.setRoles(admin, id, roles(ctx))));
    }

    /** One change to a worker, then post/redirect/get back to the admin page (a reload repeats nothing). */
    private void change(Context ctx, java.util.function.ObjLongConsumer<Worker> change) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        change.accept(admin, Params.id(ctx, "id", "worker id"));
        ctx.redirect("/admin#workers", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static Set<Role> roles(Context ctx) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ctx.formParams("roles").forEach(r -> roles.add(Role.parse(r)));
        return roles;
    }

    /**
     * Both forms that make a one-time secret keep it for this session and redirect (303) to the one GET that shows
     * it, once: a reload repeats nothing and shows the secret no more.
     */
    private void addWorker(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        WorkerService.NewWorker created = workers.add(admin, ctx.formParam("name"), roles(ctx),
                Optional.ofNullable(ctx.formParam("external_id")));
        keep(ctx, new Pages.NewWorker(created.worker().name(), created.worker().roleLabels(),
                links.invite(ctx, created.inviteSecret()), created.token()));
    }

    private void reissue(Context ctx) {
        Worker admin = Auth.worker(ctx, Role.ADMIN);
        long id = Params.id(ctx, "id", "worker id");
        String secret = workers.newInvite(admin, id);
        String name = workers.listPlatformWorkers().stream().filter(w -> w.id() == id).map(Worker::name).findFirst().orElse("");
        keep(ctx, new Pages.Reissued(id, name, links.invite(ctx, secret)));
    }

    private void keep(Context ctx, Pages.Shown shown) {
        ctx.redirect("/admin/secrets/" + secrets.put(owner(ctx), shown), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void showSecret(Context ctx) {
        Auth.worker(ctx, Role.ADMIN);
        if (secrets.take(owner(ctx), ctx.pathParam("key")) instanceof OneTimeSecrets.Secret<Pages.Shown> secret) {
            render(ctx, Optional.of(secret.value()), false);
        } else {
            render(ctx, Optional.empty(), true);
        }
    }

    /** The session (its CSRF token) or, for an API token, the worker: only they see what they made. */
    private static String owner(Context ctx) {
        Auth.Principal p = Auth.principal(ctx).orElseThrow();
        return p.csrfToken().map(t -> "session:" + t).orElse("worker:" + p.worker().id());
    }

    private void render(Context ctx, Optional<Pages.Shown> shown, boolean gone) {
        AdminService.Overview o = admin.overview(Auth.worker(ctx, Role.ADMIN));
        // may show one-time secrets (invite links, API tokens): no cache may keep them
        ctx.header("Cache-Control", "no-store");
        views.render(ctx, "admin.jte", new Pages.Admin(Auth.page(ctx), o.campaignName(), o.assignmentSeed(), o.targets(),
                o.workers(), o.deactivated(), o.recentAttempts(), o.recentIncidents(), shown, gone,
                study.secret().map(secret -> links.study(ctx, secret))));
    }
}
