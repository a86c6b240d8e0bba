package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** An address no route serves gets a styled page with a way home, or JSON under /api; a known route's 404 keeps its own message. */
class NotFoundPageTest {
    @TempDir
    Path dir;

    @Test
    void unknownPagesAreStyledWithAWayHomeAndUnknownApiPathsAnswerJson() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/no-such-page")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("text/html"));
            assertThat(page.body()).contains("There is no page at this address.", "href=\"/\"", "/static/app.css");

            ApiClient alice = platform.client(platform.addWorker("alice", Role.RED_TEAMER).token());
            ApiClient.Response api = alice.get("/api/no-such-thing");
            assertThat(api.status()).isEqualTo(404);
            assertThat(api.error()).isEqualTo("There is no page at this address.");

            ApiClient.Response known = alice.get("/api/attempts/987654");
            assertThat(known.status()).isEqualTo(404);
            assertThat(known.error()).contains("987654");
        }
    }
}
