package org.redteam.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.redteam.problem.AccessDeniedException;
import org.redteam.problem.NotSignedInException;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * Who is asking: an {@code Authorization: Bearer <token>} header, or else the session cookie. A
 * state-changing request that relies on the cookie must echo the session's CSRF token (form field
 * {@code _csrf} or header {@code X-CSRF-Token}); token-authenticated requests need not, because a
 * browser never adds the header on its own. The sign-in POST needs no token ({@link SameOrigin} guards it).
 */
final class Auth {
    static final String COOKIE = "rt_session";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = "redteam.principal";

    private final WorkerService workers;

    Auth(WorkerService workers) {
        this.workers = workers;
    }

    /** The signed-in worker and, for cookie sessions, the session's CSRF token. */
    record Principal(Worker worker, Optional<String> csrfToken) {
    }

    /** Before-handler: resolves the principal, and rejects a cookie POST without the right CSRF token. */
    void resolve(Context ctx) {
        String header = ctx.header("Authorization");
        Optional<Principal> principal;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Worker worker = workers.byToken(header.substring(7).strip())
                    .orElseThrow(() -> new NotSignedInException("the API token is not valid"));
            principal = Optional.of(new Principal(worker, Optional.empty()));
        } else {
            principal = Optional.ofNullable(ctx.cookie(COOKIE)).flatMap(workers::bySession)
                    .map(s -> new Principal(s.worker(), Optional.of(s.csrfToken())));
        }
        principal.ifPresent(p -> ctx.attribute(ATTRIBUTE, p));
        // The sign-in POST acts on the invite's secret, not the session's authority (it ends that session),
        // so a signed-in browser can use a new link; SameOrigin refuses it from other sites.
        if (ctx.method() == HandlerType.POST && principal.flatMap(Principal::csrfToken).isPresent()
                && !SignInRoutes.isSignIn(ctx)) {
            String expected = principal.get().csrfToken().get();
            String given = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> formCsrf(ctx));
            if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                throw new AccessDeniedException("this form has expired or did not come from this site; reload the page and try again");
            }
        }
    }

    private static String formCsrf(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            return ctx.formParam(CSRF_FIELD);
        }
        return null;
    }

    static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    static Optional<Worker> maybeWorker(Context ctx) {
        return principal(ctx).map(Principal::worker);
    }

    static Worker worker(Context ctx) {
        return maybeWorker(ctx).orElseThrow(() -> new NotSignedInException("sign in first: open the invite link you were given, or send an API token"));
    }

    static Worker worker(Context ctx, Role role) {
        return worker(ctx).require(role);
    }

    static PageContext page(Context ctx) {
        Optional<Principal> p = principal(ctx);
        return new PageContext(p.map(Principal::worker), p.flatMap(Principal::csrfToken).orElse(""));
    }

    static void setSessionCookie(Context ctx, String sessionId) {
        ctx.cookie(new Cookie(COOKIE, sessionId, "/", (int) WorkerService.SESSION_LENGTH.toSeconds(), secure(ctx),
                true, null, SameSite.LAX));
    }

    static void clearSessionCookie(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.LAX));
    }

    /** True behind HTTPS, directly or through a proxy that says so. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
