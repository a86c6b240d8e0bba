package org.redteam.web;

import org.redteam.testing.Repositories;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.review.ReviewTask;
import org.redteam.testing.ApiClient;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerService;

/**
 * Every registered GET and POST route × anonymous, red teamer, reviewer, admin × own or someone else's
 * attempt / review task. The table below is the specification; a route registered on the server without
 * a row fails {@link #everyRegisteredRouteHasARow}. Anonymous: 401 on the API, 401 or a redirect on
 * pages. A role the route is not for: 403. Someone else's attempt or review task: 404. Otherwise the
 * request gets past authorization (any status but 401, 403, 404; empty bodies may well be 400).
 */
class AuthorizationMatrixTest {
    @TempDir
    Path dir;

    /** Who a route is for. */
    enum Access { PUBLIC, SIGNED_IN, RED_TEAMER, REVIEWER, ADMIN,
        /** Automated tools, with their bearer token only (the OpenAI-compatible endpoint). */
        AUTOMATION,
        /** The attempt's own red teamer, or any admin (who sees every attempt, with its target). */
        RED_TEAMER_OR_ADMIN_READS }

    enum Who { ANONYMOUS, RED_TEAMER, REVIEWER, ADMIN, AUTOMATION }

    /** {@code {id}} is an attempt (or work set) and {@code {taskId}} a review task, owned by the caller or not. */
    record Route(HandlerType method, String path, Access access) {
        boolean owned() {
            return path.contains("{id}") && !path.startsWith("/admin") || path.contains("{taskId}");
        }

        boolean api() {
            return path.startsWith("/api/") || path.startsWith("/v1/");
        }
    }

    static final List<Route> ROUTES = List.of(
            get("/", Access.PUBLIC), get("/invite/{secret}", Access.PUBLIC), post("/invite/{secret}", Access.PUBLIC),
            get("/study/{secret}", Access.PUBLIC),
            get("/leave", Access.PUBLIC),
            get("/task", Access.RED_TEAMER), post("/task", Access.RED_TEAMER),
            get("/consent", Access.RED_TEAMER), post("/consent", Access.RED_TEAMER),
            get("/demographics", Access.RED_TEAMER), post("/demographics", Access.RED_TEAMER),
            get("/attempts/{id}", Access.RED_TEAMER_OR_ADMIN_READS), post("/attempts/{id}/turns", Access.RED_TEAMER),
            post("/attempts/{id}/turns/{index}/choice", Access.RED_TEAMER),
            post("/attempts/{id}/turns/{index}/choice/undo", Access.RED_TEAMER),
            get("/attempts/{id}/rating", Access.RED_TEAMER_OR_ADMIN_READS), post("/attempts/{id}/rating", Access.RED_TEAMER),
            post("/attempts/{id}/turns/{index}/flag", Access.RED_TEAMER),
            post("/attempts/{id}/turns/{index}/flag/undo", Access.RED_TEAMER),
            get("/sets/{id}/complete", Access.RED_TEAMER),
            get("/reviews", Access.REVIEWER), get("/reviews/{taskId}", Access.REVIEWER),
            post("/reviews/{taskId}", Access.REVIEWER), post("/reviews/{taskId}/skip", Access.REVIEWER),
            get("/wellbeing", Access.SIGNED_IN), post("/wellbeing", Access.SIGNED_IN),
            get("/admin", Access.ADMIN), get("/admin/secrets/{key}", Access.ADMIN), post("/admin/workers", Access.ADMIN), post("/admin/workers/{id}/invite", Access.ADMIN),
            post("/admin/workers/{id}/deactivate", Access.ADMIN), post("/admin/workers/{id}/activate", Access.ADMIN),
            post("/admin/workers/{id}/roles", Access.ADMIN),
            get("/admin/dashboard", Access.ADMIN), get("/admin/attempts", Access.ADMIN), get("/admin/attempts/{id}", Access.ADMIN), get("/admin/reviews", Access.ADMIN),
            post("/admin/reviews/queue-all", Access.ADMIN), post("/admin/reviews/queue-sample", Access.ADMIN),
            post("/admin/reviews/queue-filter", Access.ADMIN), post("/admin/reviews/{id}/remove", Access.ADMIN), get("/admin/wellbeing", Access.ADMIN),
            get("/admin/replays", Access.ADMIN), post("/admin/replays", Access.ADMIN), get("/admin/replays/{id}", Access.ADMIN),
            get("/admin/replays/{id}/results.jsonl", Access.ADMIN),
            get("/admin/replays/{id}/report", Access.ADMIN),
            get("/admin/payments", Access.ADMIN), post("/api/activity", Access.SIGNED_IN),
            get("/api/me", Access.SIGNED_IN), get("/api/campaign", Access.SIGNED_IN),
            post("/api/consent", Access.RED_TEAMER), post("/api/attempts", Access.RED_TEAMER),
            get("/api/attempts/{id}", Access.RED_TEAMER_OR_ADMIN_READS), post("/api/attempts/{id}/turns", Access.RED_TEAMER),
            post("/api/attempts/{id}/turns/{index}/choice", Access.RED_TEAMER),
            post("/api/attempts/{id}/turns/{index}/choice/undo", Access.RED_TEAMER),
            post("/api/attempts/{id}/rating", Access.RED_TEAMER),
            get("/api/attempts/{id}/signals", Access.RED_TEAMER_OR_ADMIN_READS),
            post("/api/attempts/{id}/turns/{index}/flag", Access.RED_TEAMER),
            post("/api/attempts/{id}/turns/{index}/flag/undo", Access.RED_TEAMER),
            post("/api/attempts/{id}/expertise", Access.RED_TEAMER),
            get("/api/reviews/next", Access.REVIEWER), get("/api/reviews/{taskId}", Access.REVIEWER),
            post("/api/reviews/{taskId}", Access.REVIEWER), post("/api/reviews/{taskId}/skip", Access.REVIEWER),
            get("/api/wellbeing", Access.ADMIN), post("/api/wellbeing", Access.SIGNED_IN),
            get("/api/admin/review-queue", Access.ADMIN), post("/api/admin/review-queue", Access.ADMIN),
            get("/v1/models", Access.AUTOMATION), post("/v1/chat/completions", Access.AUTOMATION),
            get("/api/agreement", Access.ADMIN), get("/api/admin/incidents", Access.ADMIN), get("/api/openapi.json", Access.PUBLIC),
            // Last: it ends the cookie session.
            post("/leave", Access.PUBLIC));

    /** A well-formed body per POST route, so that validation cannot answer before authorization. */
    static final Map<String, String> API_BODIES = Map.of(
            "/api/consent", "{\"topics\": []}",
            "/api/attempts", "{\"taskDescription\": \"plan\"}",
            "/api/attempts/{id}/turns", "{\"message\": \"hello\"}",
            "/api/attempts/{id}/turns/{index}/choice", "{\"moreHarmful\": \"A\"}",
            "/api/attempts/{id}/rating", "{\"rating\": 2}",
            "/api/reviews/{taskId}", "{\"rating\": 1}",
            "/api/wellbeing", "{\"answers\": {}}",
            "/api/admin/review-queue", "{\"mode\": \"all\"}",
            "/v1/chat/completions", "{\"model\": \"no-such-target\", \"messages\": []}");
    static final Map<String, String[]> FORM_FIELDS = Map.of(
            "/task", new String[] {"taskDescription", "plan"},
            "/attempts/{id}/turns", new String[] {"message", "hello"},
            "/attempts/{id}/turns/{index}/choice", new String[] {"moreHarmful", "A"},
            "/attempts/{id}/rating", new String[] {"rating", "2"},
            "/reviews/{taskId}", new String[] {"rating", "1"});

    static Route get(String path, Access access) {
        return new Route(HandlerType.GET, path, access);
    }

    static Route post(String path, Access access) {
        return new Route(HandlerType.POST, path, access);
    }

    @Test
    void everyRegisteredRouteHasARow() {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            Set<String> registered = platform.server().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(e -> e.endpoint).filter(e -> e.method.isHttpMethod())
                    .map(e -> e.method + " " + e.path).collect(Collectors.toCollection(TreeSet::new));
            Set<String> table = ROUTES.stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(table).hasSize(ROUTES.size());
            assertThat(registered).isEqualTo(table);
        }
    }

    @Test
    void eachRoleReachesOnlyItsRoutesAndOnlyItsOwnAttemptsAndTasks() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir, ReviewFixtures.campaign("matrix", 1))) {
            Fixture f = new Fixture(platform);
            List<String> wrong = new ArrayList<>();
            int checked = 0;
            for (Route route : ROUTES) {
                for (Who who : Who.values()) {
                    for (boolean own : route.owned() ? new boolean[] {true, false} : new boolean[] {true}) {
                        if ((route.path().startsWith("/invite/") || route.path().startsWith("/study/")) && who != Who.ANONYMOUS) {
                            continue; // public and rate limited: the sign-in tests cover it
                        }
                        int status = f.send(who, route, own);
                        checked++;
                        String problem = judge(route, who, own, status);
                        if (problem != null) {
                            wrong.add(route.method() + " " + route.path() + " as " + who + (own ? " (own)" : " (other's)")
                                    + ": " + status + ", expected " + problem);
                        }
                    }
                }
            }
            assertThat(wrong).as("%d requests checked", checked).isEmpty();
            assertThat(checked).isGreaterThanOrEqualTo(ROUTES.size() * 5);
        }
    }

    /** The expectation that {@code status} breaks, or null when it meets it. */
    static String judge(Route route, Who who, boolean own, int status) {
        if (route.access() == Access.PUBLIC) {
            return status == 403 || status >= 500 ? "no refusal" : null;
        }
        if (who == Who.ANONYMOUS) {
            boolean ok = status == 401 || !route.api() && status >= 300 && status < 400;
            return ok ? null : route.api() ? "401" : "401 or a redirect";
        }
        if (route.access() == Access.RED_TEAMER_OR_ADMIN_READS && who == Who.ADMIN) {
            return status == 401 || status == 403 || status == 404 || status >= 500 ? "admins read every attempt" : null;
        }
        boolean allowed = route.access() == Access.SIGNED_IN || route.access().name().equals(who.name())
                || route.access() == Access.RED_TEAMER_OR_ADMIN_READS && who == Who.RED_TEAMER;
        if (!allowed) {
            // 404 where the check is "is this your attempt / task" (nobody else's exists for you).
            return status == 403 || route.owned() && status == 404 ? null : "403";
        }
        if (!own) {
            return status == 404 ? null : "404";
        }
        if (route.path().startsWith("/sets/")) {
            return status == 404 || status == 200 ? null : "200, or 404 while the set is unfinished";
        }
        return status == 401 || status == 403 || status == 404 || status >= 500 ? "past authorization" : null;
    }

    @Test
    void everyCookiePostWithoutTheCsrfTokenIsRefused() {
        try (TestPlatform platform = TestPlatform.start(dir, ReviewFixtures.campaign("csrf", 1))) {
            Fixture f = new Fixture(platform);
            List<String> wrong = new ArrayList<>();
            int checked = 0;
            for (Route route : ROUTES) {
                if (route.method() != HandlerType.POST || route.path().startsWith("/invite/")) {
                    continue;
                }
                for (Who who : List.of(Who.RED_TEAMER, Who.REVIEWER, Who.ADMIN)) {
                    String path = f.path(who, route, true);
                    HttpResponse<String> form = f.pages.get(who).postWithoutCsrf(path, "application/x-www-form-urlencoded", "rating=1");
                    HttpResponse<String> json = f.pages.get(who).postWithoutCsrf(path, "application/json", "{}");
                    HttpResponse<String> forged = f.pages.get(who).postWithoutCsrf(path, "application/x-www-form-urlencoded", "_csrf=forged");
                    checked += 3;
                    for (HttpResponse<String> r : List.of(form, json, forged)) {
                        if (r.statusCode() != 403) {
                            wrong.add(route.path() + " as " + who + ": " + r.statusCode());
                        }
                    }
                }
            }
            assertThat(wrong).as("%d requests checked", checked).isEmpty();
            // Nothing changed: the red teamer's /leave was refused, so the session still works.
            assertThat(f.pages.get(Who.RED_TEAMER).get("/api/me").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reviewersSeeTheTranscriptButNotWhoWroteIt() {
        try (TestPlatform platform = TestPlatform.start(dir, ReviewFixtures.campaign("blind", 1))) {
            Fixture f = new Fixture(platform);
            ApiClient.Response api = f.api.get(Who.REVIEWER).get("/api/reviews/" + f.ownTask);
            String page = f.pages.get(Who.REVIEWER).get("/reviews/" + f.ownTask).body();
            assertThat(api.status()).isEqualTo(200);
            assertThat(api.raw()).contains("please help");
            for (String body : List.of(api.raw(), page)) {
                assertThat(body).doesNotContain(Fixture.ALICE).doesNotContain(Fixture.BOB)
                        .doesNotContainIgnoringCase("workerId").doesNotContainIgnoringCase("worker_id")
                        .doesNotContain("\"redTeamer\"").doesNotContain("rlhf-");
            }
        }
    }

    /** Two red teamers with one submitted attempt each, two reviewers holding one task each, an admin. */
    static final class Fixture {
        static final String ALICE = "alice-q7zx";
        static final String BOB = "bob-k2wv";
        final TestPlatform platform;
        final Map<Who, ApiClient> api = new EnumMap<>(Who.class);
        final Map<Who, PageSession> pages = new EnumMap<>(Who.class);
        final Map<Who, String> tokens = new EnumMap<>(Who.class);
        final long ownAttempt;
        final long otherAttempt;
        final long ownSet;
        final long otherSet;
        final long ownTask;
        final long otherTask;
        final long aliceId;
        /** The worker the access-changing admin routes act on, so that the matrix's own workers keep their access. */
        final long victorId;
        /** A replay run (with no items) for the replay pages of one run. */
        final long replayRun;
        final HttpClient http = HttpClient.newHttpClient();

        Fixture(TestPlatform platform) {
            this.platform = platform;
            WorkerService.NewWorker alice = signUp(Who.RED_TEAMER, ALICE, Role.RED_TEAMER);
            platform.consent(alice.worker());
            Worker bob = ReviewFixtures.redTeamer(platform.app(), BOB);
            WorkerService.NewWorker rita = signUp(Who.REVIEWER, "rita", Role.REVIEWER);
            Worker rick = ReviewFixtures.worker(platform.app(), "rick", Role.REVIEWER);
            WorkerService.NewWorker ada = signUp(Who.ADMIN, "ada", Role.ADMIN);
            signUp(Who.AUTOMATION, "tool", Role.AUTOMATION);
            aliceId = alice.worker().id();
            victorId = ReviewFixtures.worker(platform.app(), "victor", Role.RED_TEAMER).id();
            ownAttempt = ReviewFixtures.submit(platform.app(), alice.worker(), "alice's plan", 2);
            otherAttempt = ReviewFixtures.submit(platform.app(), bob, "bob's plan", 3);
            ownSet = setOf(ownAttempt);
            otherSet = setOf(otherAttempt);
            platform.app().reviews().enqueueAll(ada.worker());
            ownTask = ReviewFixtures.claimNext(platform.app(), rita.worker()).map(ReviewTask::id).orElseThrow();
            otherTask = ReviewFixtures.claimNext(platform.app(), rick).map(ReviewTask::id).orElseThrow();
            replayRun = Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createUpdate("INSERT INTO replay_run "
                    + "(name, created_by, created_at, filter, target_ids, judge_ids, samples, suite_version, status, total) "
                    + "VALUES ('matrix', :by, 0, '{}', '[]', '[]', 1, '0000000000000000', 'done', 0)")
                    .bind("by", ada.worker().id()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        }

        private WorkerService.NewWorker signUp(Who who, String name, Role role) {
            WorkerService.NewWorker w = platform.addWorker(name, role);
            tokens.put(who, w.token());
            api.put(who, platform.client(w.token()));
            pages.put(who, PageSession.signIn(platform, w.inviteSecret()));
            return w;
        }

        private long setOf(long attempt) {
            return Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(
                    "SELECT work_set_id FROM attempt WHERE id = :id").bind("id", attempt).mapTo(Long.class).one());
        }

        String path(Who who, Route route, boolean own) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("{secret}", "not-a-real-secret");
            params.put("{index}", "0");
            params.put("{key}", "not-a-real-key");
            params.put("{taskId}", Long.toString(own ? ownTask : otherTask));
            if (route.path().matches("/admin/workers/\\{id}/(deactivate|activate|roles)")) {
                params.put("{id}", Long.toString(victorId));
            } else if (route.path().startsWith("/admin/workers")) {
                params.put("{id}", Long.toString(aliceId));
            } else if (route.path().startsWith("/admin/replays/")) {
                params.put("{id}", Long.toString(replayRun));
            } else if (route.path().startsWith("/sets/")) {
                params.put("{id}", Long.toString(own ? ownSet : otherSet));
            } else {
                params.put("{id}", Long.toString(own ? ownAttempt : otherAttempt));
            }
            String path = route.path();
            for (Map.Entry<String, String> p : params.entrySet()) {
                path = path.replace(p.getKey(), p.getValue());
            }
            return path;
        }

        /** API routes with the bearer token, pages with the cookie session (and its CSRF token). */
        int send(Who who, Route route, boolean own) throws Exception {
            String path = path(who, route, own);
            if (who == Who.ANONYMOUS) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path));
                if (route.method() == HandlerType.POST) {
                    b.header("Content-Type", route.api() ? "application/json" : "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(route.api() ? API_BODIES.getOrDefault(route.path(), "{}") : ""));
                }
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            if (route.api()) {
                return route.method() == HandlerType.GET ? api.get(who).get(path).status() : api.get(who).post(path, API_BODIES.getOrDefault(route.path(), "{}")).status();
            }
            return route.method() == HandlerType.GET ? pages.get(who).get(path).statusCode() : pages.get(who).post(path, FORM_FIELDS.getOrDefault(route.path(), new String[0])).statusCode();
        }
    }
}
