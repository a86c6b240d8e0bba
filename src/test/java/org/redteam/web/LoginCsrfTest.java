package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/**
 * Login CSRF and cross-site forms, through the real server: the sign-in POST and every cookie POST are
 * refused when the browser says they came from another site; API clients without those headers and
 * bearer-token calls are not.
 */
class LoginCsrfTest {
    static final String EVIL = "https://evil.example";

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
    void crossSiteSignInIsRefusedWithoutASessionAndTheInviteStaysUsable() throws Exception {
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        String invite = "/invite/" + alice.inviteSecret();

        HttpResponse<String> fetchMetadata = post(invite, null, "external_id=", "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> otherOrigin = post(invite, null, "external_id=", "Origin", EVIL);
        HttpResponse<String> opaqueOrigin = post(invite, null, "external_id=", "Origin", "null", "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> otherPort = post(invite, null, "external_id=", "Origin", "http://127.0.0.1:1");
        for (HttpResponse<String> refused : List.of(fetchMetadata, otherOrigin, opaqueOrigin, otherPort)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(refused.body()).contains("another site");
        }

        // Chromium sends "Origin: null" for a same-origin form under our Referrer-Policy: no-referrer.
        HttpResponse<String> sameOriginNoReferrer = post(invite, null, "external_id=", "Origin", "null",
                "Sec-Fetch-Site", "same-origin");
        assertThat(sameOriginNoReferrer.statusCode()).isEqualTo(303);
        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        HttpResponse<String> sameOrigin = post("/invite/" + bob.inviteSecret(), null, "external_id=", "Origin", platform.baseUrl(),
                "Sec-Fetch-Site", "same-origin");
        assertThat(sameOrigin.statusCode()).isEqualTo(303);
        assertThat(sameOrigin.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(Auth.COOKIE + "=s_");
    }

    @Test
    void aSignedInBrowserSignsInAsSomeoneElseWithAFreshInvite() throws Exception {
        String sessionA = signIn(platform.addWorker("alice", Role.RED_TEAMER).inviteSecret(), null);
        assertThat(get("/api/me", sessionA).body()).contains("alice");

        WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
        HttpResponse<String> page = get("/invite/" + bob.inviteSecret(), sessionA);
        assertThat(page.statusCode()).isEqualTo(200);
        String sessionB = signIn(bob.inviteSecret(), sessionA);

        assertThat(get("/api/me", sessionB).body()).contains("bob").doesNotContain("alice");
        assertThat(get("/api/me", sessionA).statusCode()).isEqualTo(401);
    }

    @Test
    void aCrossSiteCookiePostIsRefusedEvenWithTheCsrfToken() throws Exception {
        String session = signIn(platform.addWorker("alice", Role.RED_TEAMER).inviteSecret(), null);
        String form = "_csrf=" + csrf(get("/leave", session).body());

        assertThat(post("/leave", session, form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(post("/leave", session, form, "Origin", EVIL).statusCode()).isEqualTo(403);
        assertThat(get("/api/me", session).statusCode()).as("still signed in").isEqualTo(200);

        assertThat(post("/leave", session, form, "Origin", platform.baseUrl(), "Sec-Fetch-Site", "same-origin")
                .statusCode()).isEqualTo(200);
        assertThat(get("/api/me", session).statusCode()).as("signed out").isEqualTo(401);
    }

    @Test
    void bearerTokenCallsAndClientsWithoutBrowserHeadersAreNotRefused() throws Exception {
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        String topics = platform.app().campaigns().campaign().config().riskTopics().stream()
                .map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElse("");
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/api/consent"))
                .header("Authorization", "Bearer " + alice.token()).header("Content-Type", "application/json")
                .header("Origin", EVIL).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topics\":[" + topics + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).as(consent.body()).isNotEqualTo(403).isLessThan(400);

        assertThat(post("/invite/" + alice.inviteSecret(), null, "external_id=").statusCode()).isEqualTo(303);
    }

    private String signIn(String secret, String cookie) throws Exception {
        HttpResponse<String> r = post("/invite/" + secret, cookie, "external_id=", "Origin", platform.baseUrl());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }
}
