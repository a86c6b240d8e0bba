package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.redteam.campaign.Payments;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Time on task and pay: the activity ping of the red teamer's and reviewer's pages ({@code static/activity.js}) and
 * the admin page of what each worker is owed (docs/deploy.md, "Paying a crowd").
 */
final class PaymentRoutes {
    private final Payments payments;
    private final Views views;

    PaymentRoutes(Payments payments, Views views) {
        this.payments = payments;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/activity", this::ping);
        routes.get("/admin/payments", this::report);
    }

    /** 204 always; only red teamers' and reviewers' time is paid, so only theirs is recorded. */
    private void ping(Context ctx) {
        Worker worker = Auth.worker(ctx);
        if (worker.has(Role.RED_TEAMER) || worker.has(Role.REVIEWER)) {
            payments.ping(worker.id());
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void report(Context ctx) {
        Auth.worker(ctx, Role.ADMIN);
        views.render(ctx, "adminPayments.jte", new PaymentsPage(Auth.page(ctx), payments.report()));
    }
}
