package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** Invite links, the session cookie and the admin page, over plain HTTP. */
class SignInAndAdminTest {
    @TempDir
    Path dir;
    TestPlatform platform;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        platform = TestPlatform.start(dir);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void anInviteSetsAHardenedSessionCookieOnce() throws Exception {
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        HttpResponse<String> page = get("/invite/" + alice.inviteSecret(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("alice", "Continue");

        HttpResponse<String> signIn = post("/invite/" + alice.inviteSecret(), null, "external_id=", "https");
        assertThat(signIn.statusCode()).isEqualTo(303);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Auth.COOKIE + "=s_").contains("HttpOnly", "SameSite=Lax", "Secure");

        HttpResponse<String> again = post("/invite/" + alice.inviteSecret(), null, "external_id=", "http");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already used");
    }

    @Test
    void plainHttpCookiesAreNotMarkedSecure() throws Exception {
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        String cookie = post("/invite/" + alice.inviteSecret(), null, "", "http").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").doesNotContain("Secure");
    }

    @Test
    void adminsAddWorkersOnTheAdminPage() throws Exception {
        String session = signIn(platform.addWorker("root", Role.ADMIN));
        HttpResponse<String> admin = get("/admin", session);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("demo-rlhf-52B", "class=\"demo\"");
        String csrf = csrf(admin.body());

        HttpResponse<String> added = post("/admin/workers", session,
                "_csrf=" + enc(csrf) + "&name=" + enc("Bob <b>") + "&roles=red-teamer&roles=reviewer", "http");
        assertThat(added.statusCode()).isEqualTo(303);
        String shownAt = added.headers().firstValue("Location").orElseThrow();
        assertThat(shownAt).matches("/admin/secrets/[A-Za-z0-9_-]{20,}");
        assertThat(added.body()).doesNotContain("rt_", "/invite/inv_");
        int workers = platform.app().store().workers().listPlatformWorkers().size();

        HttpResponse<String> shown = get(shownAt, session);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(shown.body()).contains("Bob &lt;b&gt;", "/invite/inv_", "rt_", "data-copy=\"API token\"",
                "id=\"copy-status\"", "aria-live=\"polite\"", "src=\"/static/copy.js\"");
        Matcher token = Pattern.compile("id=\"api-token\" data-copy=\"API token\">(rt_[A-Za-z0-9_-]+)<").matcher(shown.body());
        assertThat(token.find()).isTrue();
        assertThat(platform.app().store().workers().byToken(token.group(1)).orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.RED_TEAMER, Role.REVIEWER);

        // Reloading shows the secret no more and creates no second worker.
        HttpResponse<String> reload = get(shownAt, session);
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(reload.body()).contains("id=\"secret-gone\"", "shown already").doesNotContain(token.group(1), "/invite/inv_",
                "copy.js");
        assertThat(platform.app().store().workers().listPlatformWorkers()).hasSize(workers);

        assertThat(post("/admin/workers", session, "name=Eve&roles=admin", "http").statusCode()).isEqualTo(403);
    }

    @Test
    void aReissuedLinkSaysWhoseAndOnlyTheSessionThatMadeItSeesItOnce() throws Exception {
        String session = signIn(platform.addWorker("root", Role.ADMIN));
        String other = signIn(platform.addWorker("other admin", Role.ADMIN));
        WorkerService.NewWorker alice = platform.addWorker("Alice", Role.RED_TEAMER);
        String csrf = "_csrf=" + enc(csrf(get("/admin", session).body()));

        HttpResponse<String> reissued = post("/admin/workers/" + alice.worker().id() + "/invite", session, csrf, "http");
        assertThat(reissued.statusCode()).isEqualTo(303);
        String shownAt = reissued.headers().firstValue("Location").orElseThrow();
        // Another admin's session cannot read it, and its attempt does not use it up.
        assertThat(get(shownAt, other).body()).contains("id=\"secret-gone\"").doesNotContain("/invite/inv_");
        HttpResponse<String> shown = get(shownAt, session);
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(shown.body()).contains("New invite link for <strong>Alice</strong> (id " + alice.worker().id() + ")");
        Matcher link = Pattern.compile("id=\"reissued-url\" data-copy=\"invite link\">[^<]*/invite/(inv_[A-Za-z0-9_-]+)<")
                .matcher(shown.body());
        assertThat(link.find()).isTrue();
        assertThat(platform.app().store().workers().inviteHolder(link.group(1)).name()).isEqualTo("Alice");
        assertThat(get(shownAt, session).body()).contains("id=\"secret-gone\"").doesNotContain(link.group(1));
        assertThat(get("/admin/secrets/not-a-key", session).body()).contains("id=\"secret-gone\"");
    }

    @Test
    void theWorkersTableScrollsInsideItsOwnBox() throws Exception {
        String session = signIn(platform.addWorker("root", Role.ADMIN));
        assertThat(get("/admin", session).body()).containsPattern("<div class=\"scroll\" id=\"workers-box\">\\s*<table id=\"workers\">");
        assertThat(get("/static/app.css", session).body()).contains(".scroll { overflow-x: auto;");
    }

    @Test
    void adminsDeactivateActivateAndChangeRolesOnTheAdminPageWithPostRedirectGet() throws Exception {
        String session = signIn(platform.addWorker("root", Role.ADMIN));
        WorkerService.NewWorker dora = platform.addWorker("Dora", Role.RED_TEAMER);
        long root = platform.app().store().workers().listPlatformWorkers().stream().filter(w -> w.name().equals("root"))
                .findFirst().orElseThrow().id();
        String csrf = "_csrf=" + enc(csrf(get("/admin", session).body()));

        HttpResponse<String> off = post("/admin/workers/" + dora.worker().id() + "/deactivate", session, csrf, "http");
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(off.headers().firstValue("Location")).contains("/admin#workers");
        assertThat(platform.client(dora.token()).get("/api/me").status()).isEqualTo(401);
        assertThat(get("/admin", session).body()).contains("<span class=\"deactivated\">deactivated</span>");

        assertThat(post("/admin/workers/" + dora.worker().id() + "/activate", session, csrf, "http").statusCode()).isEqualTo(303);
        assertThat(post("/admin/workers/" + dora.worker().id() + "/roles", session, csrf + "&roles=reviewer&roles=admin", "http")
                .statusCode()).isEqualTo(303);
        assertThat(platform.app().store().workers().listPlatformWorkers().stream().filter(w -> w.name().equals("Dora"))
                .findFirst().orElseThrow().roles()).containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
        assertThat(get("/admin", session).body()).doesNotContain("class=\"deactivated\"");

        HttpResponse<String> self = post("/admin/workers/" + root + "/deactivate", session, csrf, "http");
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(self.body()).contains("you cannot deactivate yourself");
    }

    @Test
    void nonAdminsCannotSeeTheAdminPage() throws Exception {
        String session = signIn(platform.addWorker("alice", Role.RED_TEAMER));
        assertThat(get("/admin", session).statusCode()).isEqualTo(403);
        assertThat(get("/admin", null).statusCode()).isEqualTo(401);
    }

    private String signIn(WorkerService.NewWorker worker) throws Exception {
        String cookie = post("/invite/" + worker.inviteSecret(), null, "", "http").headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form, String proto) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", proto)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
