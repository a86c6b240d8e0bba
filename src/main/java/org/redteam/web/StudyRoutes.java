package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.redteam.config.CrowdSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.worker.StudyAccess;
import org.redteam.worker.WorkerService;

/**
 * The open study link of a crowd-work platform: {@code GET /study/{secret}?PROLIFIC_PID=X} (the parameter named by
 * {@code crowd.id_param}) signs in the red teamer with external id X, created on first visit, and sends them to
 * their next step, so their open work continues on any device. A GET that signs in is the platforms' contract;
 * docs/security.md says why the campaign's secret plus the worker id make that acceptable. A wrong secret, or a
 * campaign without a study link, is the plain "no page here" 404.
 */
final class StudyRoutes {
    static final String NO_PAGE = "There is no page at this address.";

    private final StudyAccess study;
    private final CrowdSettings crowd;

    StudyRoutes(StudyAccess study, CrowdSettings crowd) {
        this.study = study;
        this.crowd = crowd;
    }

    void register(RoutesConfig routes) {
        routes.get("/study/{secret}", this::signIn);
    }

    private void signIn(Context ctx) {
        if (!study.isSecret(ctx.pathParam("secret"))) {
            throw new NotFoundException(NO_PAGE);
        }
        String id = ctx.queryParam(crowd.idParam());
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("this study link has no " + crowd.idParam() + " (your worker id): open the "
                    + "study from your crowd-work platform, which adds it to the link");
        }
        WorkerService.SignIn signIn = study.signIn(id, Optional.ofNullable(ctx.cookie(Auth.COOKIE)));
        Auth.setSessionCookie(ctx, signIn.sessionId());
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }
}
