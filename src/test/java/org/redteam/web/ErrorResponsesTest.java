package org.redteam.web;

import org.redteam.testing.Repositories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.ApiClient;
import org.redteam.testing.PageSession;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** Failures that are the server's fault say so generically, never with a stack trace; oversized bodies are refused. */
class ErrorResponsesTest {
    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsAGeneric500WithoutAStackTraceOnTheApiAndOnPages() {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            ApiClient api = platform.client(alice.token());
            PageSession page = PageSession.signIn(platform, alice.inviteSecret());
            long id = api.startAttempt("plan");
            // Break the store under the running server: every read of an attempt now fails with an SQL error.
            Repositories.attempts(platform.app()).jdbi().useHandle(h -> h.execute("ALTER TABLE turn RENAME TO turn_gone"));

            java.io.PrintStream err = System.err;
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            ApiClient.Response json;
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                json = api.get("/api/attempts/" + id);
            } finally {
                System.setErr(err);
            }
            // the log names the route pattern, never the request's path (which may hold a secret elsewhere)
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .contains("unexpected failure on GET /api/attempts/{id}").doesNotContain("/api/attempts/" + id + " ");
            assertThat(json.status()).isEqualTo(500);
            assertThat(json.error()).isEqualTo(WebServer.UNEXPECTED);
            assertNoTrace(json.raw());

            HttpResponse<String> html = page.get("/attempts/" + id);
            assertThat(html.statusCode()).isEqualTo(500);
            assertThat(html.body()).contains(WebServer.UNEXPECTED);
            assertNoTrace(html.body());
        }
    }

    @Test
    void aClientClosingItsConnectionIsRoutineNotAnError() {
        assertThat(WebServer.bodyNotReceived(new RuntimeException(new org.eclipse.jetty.io.EofException("reset"))))
                .contains(io.javalin.http.HttpStatus.BAD_REQUEST);
        assertThat(WebServer.clientGone(new java.io.UncheckedIOException(new java.nio.channels.ClosedChannelException()))).isTrue();
        assertThat(WebServer.clientGone(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aBodyOver256KiBIs413AndNothingIsStored() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            ApiClient api = platform.client(alice.token());
            String big = "x".repeat((int) WebServer.MAX_REQUEST_BYTES + 1024);

            ApiClient.Response r = api.post("/api/attempts", Map.of("taskDescription", big));
            assertThat(r.status()).isEqualTo(413);
            assertNoTrace(r.raw());
            HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.baseUrl() + "/api/attempts")).header("Authorization", "Bearer " + alice.token())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("taskDescription=" + big)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(413);
            Long attempts = Repositories.attempts(platform.app()).jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM attempt").mapTo(Long.class).one());
            assertThat(attempts).isZero();
            // A body under the limit is accepted.
            assertThat(api.startAttempt("x".repeat(1000))).isPositive();
        }
    }

    private static void assertNoTrace(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.")
                .doesNotContain("SQLITE").doesNotContain("turn_gone").doesNotContain("java.");
    }
}
