package org.redteam.web;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.io.EofException;
import java.util.Optional;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.RedteamException;
import org.redteam.wellbeing.SurveyDueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin server: pages, JSON API, authentication, and the one place that maps exceptions. */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Largest request body accepted, in bytes. */
    /** What a client is told about a failure that is our fault; the details go to the log. */
    static final String UNEXPECTED = "something went wrong on our side; it has been logged";
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    private WebServer() {
    }

    /**
     * @param address where people reach the server, for invite links
     */
    public static Javalin create(WebServices services, PublicAddress address) {
        return create(services, address, ConnectionLimits.DEFAULT, cfg -> { });
    }

    /** As {@link #create(WebServices, PublicAddress)}, with these limits on slow clients. */
    public static Javalin create(WebServices services, PublicAddress address, ConnectionLimits limits) {
        return create(services, address, limits, cfg -> { });
    }

    /**
     * As {@link #create(WebServices, PublicAddress)}, with {@code first} applied to the configuration before
     * anything else (benchmarks add their timing hooks here, so they see every other handler).
     */
    public static Javalin create(WebServices app, PublicAddress address, java.util.function.Consumer<io.javalin.config.JavalinConfig> first) {
        return create(app, address, ConnectionLimits.DEFAULT, first);
    }

    /** As {@link #create(WebServices, PublicAddress, java.util.function.Consumer)}, with these limits on slow clients. */
    public static Javalin create(WebServices app, PublicAddress address, ConnectionLimits limits,
                                 java.util.function.Consumer<io.javalin.config.JavalinConfig> first) {
        ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module());
        Views views = new Views();
        Auth auth = new Auth(app.workers());
        Links links = new Links(address);
        JsonBodies bodies = new JsonBodies(json);
        ApiDocument apiDocument = new ApiDocument();
        return Javalin.create(cfg -> {
            first.accept(cfg);
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            limits.applyTo(cfg);
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
            });
            cfg.routes.before(SecurityHeaders::add);
            cfg.routes.before(new SameOrigin(address.baseUrl())::check);
            RateLimiter signInLimit = new RateLimiter(app.signInLimit());
            cfg.routes.before("/invite/{secret}", signInLimit::check);
            cfg.routes.before("/study/{secret}", signInLimit::check);
            cfg.routes.before(auth::resolve);
            new SignInRoutes(app.workers(), app.campaigns(), views).register(cfg.routes);
            new StudyRoutes(app.study(), app.campaigns().campaign().config().crowd()).register(cfg.routes);
            new AttemptPages(app.campaigns(), app.attempts(), app.wellbeing(), views, app.signals(), app.demographics()).register(cfg.routes);
            new DemographicsPages(app.demographics(), views).register(cfg.routes);
            new SignalPages(app.signals()).register(cfg.routes);
            new ReviewPages(app.reviews(), views).register(cfg.routes);
            new WellbeingPages(app.wellbeing(), views).register(cfg.routes);
            new AdminPages(app.workers(), app.access(), app.admin(), app.study(), views, links).register(cfg.routes);
            new DashboardPages(app.admin(), app.campaigns(), views, app.demographics()).register(cfg.routes);
            new AttemptBrowserPages(app.admin(), views).register(cfg.routes);
            new ReviewAdminPages(app.reviews(), app.wellbeing(), app.campaigns().campaign(), views).register(cfg.routes);
            new ReplayPages(app.replays(), views).register(cfg.routes);
            new PaymentRoutes(app.payments(), views).register(cfg.routes);
            new AttemptApiRoutes(app.campaigns(), app.attempts(), app.wellbeing()::breakDue, bodies, json).register(cfg.routes);
            new SignalApiRoutes(app.signals(), bodies).register(cfg.routes);
            new ReviewApiRoutes(app.reviews(), app.wellbeing(), app.admin(), bodies).register(cfg.routes);
            new AdminApiRoutes(app.admin()).register(cfg.routes);
            apiDocument.register(cfg.routes);
            new OpenAiRoutes(app.automation(), json).register(cfg.routes);
            cfg.routes.exception(RateLimiter.RateLimitedException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                problem(ctx, views, HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
            });
            // A path no route serves: a page with a way home (JSON under /api), not Jetty's bare "Not Found".
            cfg.routes.error(404, ctx -> {
                if (route(ctx).equals("(no route)")) {
                    problem(ctx, views, HttpStatus.NOT_FOUND, "There is no page at this address.");
                }
            });
            cfg.routes.exception(RedteamException.class, (e, ctx) -> problem(ctx, views, status(e), e.getMessage(), e));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                Optional<HttpStatus> slowOrGone = bodyNotReceived(e);
                if (slowOrGone.isPresent()) {
                    LOG.debug("{} {}: the body did not arrive", ctx.method(), route(ctx));
                    problem(ctx, views, slowOrGone.get(), "the request body arrived too slowly or not at all");
                    return;
                }
                if (clientGone(e)) {
                    LOG.debug("client went away during {} {}", ctx.method(), route(ctx));
                    return;
                }
                LOG.error("unexpected failure on {} {}", ctx.method(), route(ctx), e);
                problem(ctx, views, HttpStatus.INTERNAL_SERVER_ERROR, UNEXPECTED);
            });
        });
    }

    /**
     * The route pattern of the request ({@code /invite/{secret}}), never its path, which may hold a secret; the
     * path only for a request that matched no route (it then named nothing that exists).
     */
    static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "(no route)" : endpoint.path;
        } catch (RuntimeException e) {
            return "(no route)";
        }
    }

    /**
     * True when the client closed its connection after sending its request (while we answered): routine, not an
     * error of ours. A connection that ends while the body is read is {@link #bodyNotReceived}.
     */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status for a body that did not arrive, not our failure: 408 where Jetty refused it as too slow
     * ({@link ConnectionLimits}), 400 where the client closed the connection mid-body; empty otherwise.
     */
    static Optional<HttpStatus> bodyNotReceived(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() == 408) {
                return Optional.of(HttpStatus.REQUEST_TIMEOUT);
            }
            if (t instanceof EofException) {
                return Optional.of(HttpStatus.BAD_REQUEST);
            }
        }
        return Optional.empty();
    }

    /** The status of a failure: its kind's, except that a backend failure says how it failed (502, 503, 504). */
    static HttpStatus status(RedteamException e) {
        if (e instanceof BackendUnavailableException backend) {
            return HttpStatus.forStatus(backend.failure().status());
        }
        return status(e.kind());
    }

    static HttpStatus status(RedteamException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case NOT_SIGNED_IN -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
        };
    }

    /** JSON {"error": …} under /api, an HTML page elsewhere; never a stack trace. */
    private static void problem(Context ctx, Views views, HttpStatus status, String message) {
        problem(ctx, views, status, message, null);
    }

    private static void problem(Context ctx, Views views, HttpStatus status, String message, RedteamException e) {
        ctx.status(status);
        if (OpenAiRoutes.path(ctx)) {
            ctx.json(OpenAiRoutes.error(status.getCode(), message));
            return;
        }
        if (ctx.path().startsWith("/api/")) {
            if (e instanceof SurveyDueException due) {
                ctx.json(new ReviewJson.SurveyDueError(message, ReviewJson.Survey.of(due.taskKind(), due.items())));
                return;
            }
            ctx.json(new ApiError(message, e instanceof BackendUnavailableException backend ? backend.incident() : Optional.empty()));
        } else {
            views.render(ctx, "message.jte", new Pages.Message(Auth.page(ctx), status.getMessage(), message));
        }
    }
}
