package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.redteam.admin.AdminService;
import org.redteam.attempt.Incident;
import org.redteam.worker.Role;

/** What admins read through the JSON API about the running platform (docs/api.md, docs/openapi.json). */
final class AdminApiRoutes {
    /** Incidents answered when no {@code ?limit=} is given. */
    static final int DEFAULT_INCIDENTS = 100;

    private final AdminService admin;

    AdminApiRoutes(AdminService admin) {
        this.admin = admin;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/admin/incidents", this::incidents);
    }

    /** Admins: the latest failed model calls with their details, newest first; {@code ?limit=} 1 to 500, default 100. */
    private void incidents(Context ctx) {
        var worker = Auth.worker(ctx, Role.ADMIN);
        int limit = Params.queryInt(ctx, "limit", DEFAULT_INCIDENTS, 1, AdminService.MAX_INCIDENTS);
        ctx.json(new Incidents(admin.incidents(worker, limit).stream().map(IncidentLine::of).toList()));
    }

    /** {@code GET /api/admin/incidents}. */
    record Incidents(List<IncidentLine> incidents) {
    }

    /** One incident; {@code occurredAt} ISO-8601 UTC, {@code status} 502/503/504 as the red teamer got it. */
    record IncidentLine(String incident, String occurredAt, String targetId, long attemptId, long workerId, String workerName,
                        int status, String detail) {
        static IncidentLine of(Incident i) {
            return new IncidentLine(i.code(), i.occurredAt().toString(), i.targetId(), i.attemptId(), i.workerId(),
                    i.workerName(), i.failure().status(), i.detail());
        }
    }
}
