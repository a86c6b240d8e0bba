package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;

/** Every kind of response (page, JSON, error, static file, not found) carries the security headers. */
class SecurityHeadersTest {
    @TempDir
    Path dir;

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/", "/api/me", "/admin", "/static/chat.js", "/no-such-page", "/invite/not-a-secret")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                        .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
                assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                        .contains("script-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
                assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
                assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            }
        }
    }
}
