package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.redteam.campaign.CampaignService;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * Signing in with an invite link, the start page (red teamers go to their task, reviewers to theirs,
 * admins to the admin page), and leaving. The invite's GET only shows a button; the POST uses the
 * link, so a link scanner that prefetches it cannot burn it.
 */
final class SignInRoutes {
    /** Query parameters crowd platforms use for their worker id, in order of preference. */
    static final List<String> EXTERNAL_ID_PARAMS = List.of("external_id", "PROLIFIC_PID", "workerId", "worker_id");

    private final WorkerService workers;
    private final CampaignService campaigns;
    private final Views views;

    SignInRoutes(WorkerService workers, CampaignService campaigns, Views views) {
        this.workers = workers;
        this.campaigns = campaigns;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/invite/{secret}", this::invitePage);
        routes.post("/invite/{secret}", this::signIn);
        routes.get("/leave", this::leavePage);
        routes.post("/leave", this::leave);
    }

    private void home(Context ctx) {
        Optional<Worker> worker = Auth.maybeWorker(ctx);
        if (worker.isEmpty()) {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), campaigns.campaign().config().name(),
                    "Sign in with the invite link your coordinator sent you."));
        } else if (worker.get().has(Role.RED_TEAMER)) {
            ctx.redirect("/task", HttpStatus.SEE_OTHER);
        } else if (worker.get().has(Role.REVIEWER)) {
            ctx.redirect("/reviews", HttpStatus.SEE_OTHER);
        } else if (worker.get().has(Role.ADMIN)) {
            ctx.redirect("/admin", HttpStatus.SEE_OTHER);
        } else {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), "Nothing to do yet",
                    "There are no tasks for your role in this version of the platform."));
        }
    }

    private void invitePage(Context ctx) {
        String secret = ctx.pathParam("secret");
        Worker holder = workers.inviteHolder(secret);
        String externalId = EXTERNAL_ID_PARAMS.stream().map(ctx::queryParam).filter(v -> v != null && !v.isBlank())
                .findFirst().orElse("");
        views.render(ctx, "invite.jte", new Pages.Invite(Auth.page(ctx), secret, holder.name(), externalId));
    }

    /** True for the sign-in POST, which the invite's secret authorizes rather than the session cookie. */
    static boolean isSignIn(Context ctx) {
        return ctx.path().startsWith("/invite/");
    }

    private void signIn(Context ctx) {
        // An unknown, used or expired secret is refused before the body is read, so a slow body to a
        // made-up link holds no thread.
        workers.inviteHolder(ctx.pathParam("secret"));
        WorkerService.SignIn signIn = workers.signIn(ctx.pathParam("secret"),
                Optional.ofNullable(ctx.formParam("external_id")), Optional.ofNullable(ctx.cookie(Auth.COOKIE)));
        Auth.setSessionCookie(ctx, signIn.sessionId());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void leavePage(Context ctx) {
        views.render(ctx, "leave.jte", Auth.page(ctx));
    }

    private void leave(Context ctx) {
        Optional.ofNullable(ctx.cookie(Auth.COOKIE)).ifPresent(workers::signOut);
        Auth.clearSessionCookie(ctx);
        views.render(ctx, "message.jte", new Pages.Message(new PageContext(Optional.empty(), ""), "You have left",
                "You are signed out. Everything you submitted is kept; an unfinished conversation stays open "
                        + "and you can continue it with a new invite link. Thank you for your work."));
    }
}
