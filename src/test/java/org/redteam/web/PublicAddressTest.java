package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** Invite links name the configured address, never one a request made up; the page that shows them is not cached. */
class PublicAddressTest {
    private static final Pattern LINK = Pattern.compile("(https?://[^\"<\\s]+)/invite/inv_");
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutABaseUrlLinksNameLocalhostWhateverTheRequestSays() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            HttpResponse<String> added = addWorker(platform.baseUrl(), platform, "evil.example.com");

            assertThat(added.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(link(added)).isEqualTo("http://localhost:" + platform.server().port());
        }
    }

    @Test
    void aTrustedProxyMayNameThePublicAddressAndABaseUrlAlwaysWins() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            Javalin proxied = WebServer.create(platform.app().web(), new PublicAddress(Optional.empty(), Optional.of("127.0.0.1")))
                    .start("127.0.0.1", 0);
            Javalin configured = WebServer.create(platform.app().web(),
                    new PublicAddress(Optional.of("https://red.example.org/"), Optional.of("127.0.0.1"))).start("127.0.0.1", 0);
            try {
                assertThat(link(addWorker("http://127.0.0.1:" + proxied.port(), platform, "team.example.net")))
                        .isEqualTo("https://team.example.net");
                assertThat(link(addWorker("http://127.0.0.1:" + configured.port(), platform, "team.example.net")))
                        .isEqualTo("https://red.example.org");
            } finally {
                proxied.stop();
                configured.stop();
            }
        }
    }

    /** Signs an admin in on {@code base} and adds a worker through a request claiming to come via {@code forwardedHost}. */
    private HttpResponse<String> addWorker(String base, TestPlatform platform, String forwardedHost) throws Exception {
        String secret = platform.addWorker("root", Role.ADMIN).inviteSecret();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/invite/" + secret))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/admin")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&name=Bob&roles=red-teamer";
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/workers")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Host", forwardedHost).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        // post/redirect/get: the link is made for the POST and shown, once, on the page it redirects to
        assertThat(added.statusCode()).isEqualTo(303);
        String shownAt = added.headers().firstValue("Location").orElseThrow();
        return http.send(HttpRequest.newBuilder(URI.create(base + shownAt)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String link(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = LINK.matcher(page.body());
        assertThat(m.find()).as("an invite link in the page").isTrue();
        return m.group(1);
    }
}
