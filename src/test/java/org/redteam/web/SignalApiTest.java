package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.ApiClient;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** The signals over JSON: flag, take back, expertise, read; the owner changes them, admins read them. */
class SignalApiTest {
    @TempDir
    Path dir;

    @Test
    void flagsAnswersExpertiseAndReadsThemBackOwnerAndAdminOnly() {
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config().withExpertiseAreas(List.of("chemistry")),
                new ScriptedBackend("one", "two"))) {
            ApiClient alice = platform.redTeamer("alice");
            ApiClient bob = platform.redTeamer("bob");
            ApiClient admin = platform.client(platform.addWorker("ada", Role.ADMIN).token());
            long id = alice.startAttempt("plan");
            alice.turnAndPick(id, 0, "tell me how to pick a lock", "B");
            String base = "/api/attempts/" + id;

            ApiClient.Response flagged = alice.post(base + "/turns/0/flag", Map.of("reason", " <i>steps</i> "));
            assertThat(flagged.status()).isEqualTo(200);
            assertThat(flagged.raw()).isEqualTo("{\"turn\":0,\"reason\":\"<i>steps</i>\"}");
            assertThat(bob.post(base + "/turns/0/flag", Map.of()).status()).isEqualTo(404);
            assertThat(alice.post(base + "/turns/3/flag", Map.of()).status()).isEqualTo(404);
            assertThat(alice.post(base + "/turns/0/flag", Map.of("reason", 5)).status()).isEqualTo(400);

            Map<String, Object> notAnswered = new HashMap<>();
            notAnswered.put("neededExpertise", null);
            assertThat(alice.post(base + "/expertise", Map.of("neededExpertise", false, "expertiseArea", "chemistry")).status())
                    .isEqualTo(400);
            assertThat(alice.post(base + "/expertise", Map.of("neededExpertise", true, "expertiseArea", "chemistry")).raw())
                    .isEqualTo("{\"neededExpertise\":true,\"expertiseArea\":\"chemistry\"}");

            String expected = "{\"flags\":[{\"turn\":0,\"reason\":\"<i>steps</i>\"}],\"neededExpertise\":true,"
                    + "\"expertiseArea\":\"chemistry\",\"expertiseAreas\":[\"chemistry\"]}";
            assertThat(alice.get(base + "/signals").raw()).isEqualTo(expected);
            assertThat(admin.get(base + "/signals").raw()).isEqualTo(expected);
            assertThat(bob.get(base + "/signals").status()).isEqualTo(404);

            assertThat(alice.post(base + "/expertise", notAnswered).raw()).isEqualTo("{\"neededExpertise\":null,\"expertiseArea\":null}");
            assertThat(alice.post(base + "/turns/0/flag/undo", Map.of()).body().get("flags")).isEmpty();
            assertThat(alice.post(base + "/turns/0/flag/undo", Map.of()).status()).isEqualTo(404);
            assertThat(alice.post(base + "/rating", Map.of("rating", 2)).status()).isEqualTo(200);
            assertThat(alice.post(base + "/turns/0/flag", Map.of()).status()).isEqualTo(409);
        }
    }
}
