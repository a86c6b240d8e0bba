package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.DemoCampaign;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ApiClient;
import org.redteam.testing.ServerProcess;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** {@code serve} as a real process: killed with SIGKILL, everything acknowledged is still there. */
class ServeKillTest {
    @TempDir
    Path dir;

    @Test
    void loosesNothingAcknowledgedWhenKilledAndContinuesAfterRestart() throws Exception {
        WorkerService.NewWorker alice;
        try (Platform app = App.start(StoreLocation.directory(dir), DemoCampaign.config(), Clock.systemUTC())) {
            alice = app.store().workers().add("alice", java.util.Set.of(Role.RED_TEAMER), Optional.empty());
            app.campaigns().consent(alice.worker(), java.util.List.of("Theft"));
        }
        long attemptId;
        int acknowledged = 0;
        try (ServerProcess server = ServerProcess.start(dir)) {
            assertThat(server.startOutput()).anyMatch(l -> l.contains("first start: admin sign-in link"));
            ApiClient api = new ApiClient(server.baseUrl(), alice.token());
            attemptId = api.startAttempt("plan");
            for (int i = 0; i < 6; i++) {
                api.turnAndPick(attemptId, i, "message " + i, i % 2 == 0 ? "A" : "B");
                acknowledged++;
            }
            assertThat(api.post("/api/attempts/" + attemptId + "/turns", Map.of("message", "last")).status()).isEqualTo(200);
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(dir)) {
            assertThat(server.startOutput()).noneMatch(l -> l.contains("first start"));
            ApiClient api = new ApiClient(server.baseUrl(), alice.token());
            ApiClient.Response attempt = api.get("/api/attempts/" + attemptId);
            assertThat(attempt.body().get("turns")).hasSize(acknowledged + 1);
            for (int i = 0; i < acknowledged; i++) {
                assertThat(attempt.body().get("turns").get(i).get("moreHarmful").asText()).isEqualTo(i % 2 == 0 ? "A" : "B");
            }
            assertThat(attempt.body().get("turns").get(acknowledged).get("candidates")).hasSize(2);

            CliTest.Run add = CliTest.run("users", "add", "--name", "Bob", "--role", "red-teamer", "--data", dir.toString());
            assertThat(add.exit()).as("users add while serve runs: " + add.err()).isZero();
            String bobToken = add.lines().get(add.lines().size() - 1).substring("token: ".length());
            assertThat(new ApiClient(server.baseUrl(), bobToken).get("/api/me").body().get("name").asText()).isEqualTo("Bob");
            assertThat(api.post("/api/attempts/" + attemptId + "/turns/" + acknowledged + "/choice",
                    Map.of("moreHarmful", "A")).status()).isEqualTo(200);
            assertThat(api.post("/api/attempts/" + attemptId + "/rating", Map.of("rating", 2)).status()).isEqualTo(200);
        }
    }
}
