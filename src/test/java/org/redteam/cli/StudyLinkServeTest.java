package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.ServerProcess;

/** {@code serve} prints the campaign's study link at start; the link works and stays the same after a restart. */
class StudyLinkServeTest {
    static final String PREFIX = "study link (crowd.open_study_link; the platform adds ?workerId=<worker id>): ";

    @TempDir
    Path dir;

    @Test
    void servePrintsTheStudyLinkOnItsAddressAndKeepsItAcrossRestarts() throws Exception {
        Path campaign = dir.resolve("campaign.yaml");
        Files.writeString(campaign, """
                name: crowd study
                crowd: {open_study_link: true, id_param: workerId}
                targets:
                  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}
                """);
        Path data = dir.resolve("data");
        String link;
        try (ServerProcess serve = ServerProcess.start(data, "--config", campaign.toString())) {
            link = studyLink(serve);
            assertThat(link).startsWith(serve.baseUrl() + "/study/st_");
            HttpResponse<String> visit = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(link + "?workerId=A1B2C3")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(visit.statusCode()).isEqualTo(303);
            assertThat(visit.headers().firstValue("Set-Cookie")).isPresent();
        }
        try (ServerProcess again = ServerProcess.start(data, "--config", campaign.toString(), "--base-url", "http://rt.example.org")) {
            assertThat(studyLink(again)).isEqualTo("http://rt.example.org" + link.substring(link.indexOf("/study/")));
        }
    }

    @Test
    void withoutACrowdBlockServePrintsNoStudyLink() throws Exception {
        try (ServerProcess serve = ServerProcess.start(dir.resolve("data"))) {
            assertThat(serve.startOutput()).noneMatch(l -> l.startsWith("study link"));
        }
    }

    private static String studyLink(ServerProcess serve) {
        return serve.startOutput().stream().filter(l -> l.startsWith(PREFIX)).findFirst()
                .orElseThrow(() -> new AssertionError("no study link in:\n" + String.join("\n", serve.startOutput())))
                .substring(PREFIX.length());
    }
}
