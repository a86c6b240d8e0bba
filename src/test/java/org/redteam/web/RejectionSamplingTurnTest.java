package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** A rejection-sampling target end to end: 16 samples drawn, the 2 least harmful shown, all 16 stored with scores. */
class RejectionSamplingTurnTest {
    static final CampaignConfig RS = new CampaignConfigLoader().parse("rs.yaml", """
            name: rs
            targets:
              - id: rs-1b
                model_type: rejection sampling
                size: 1B
                backend: {kind: demo, seed: 3}
                interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 16, keep: 2}]
            """);

    @TempDir
    Path dir;

    @Test
    void showsTheTwoBestOfSixteenAndStoresEverySampleWithItsScore() {
        try (TestPlatform platform = TestPlatform.start(dir, RS)) {
            ApiClient alice = platform.redTeamer("alice");
            long id = alice.startAttempt("plan");
            ApiClient.Response turn = alice.post("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock"));
            assertThat(turn.status()).isEqualTo(200);
            assertThat(alice.get("/api/attempts/" + id).raw()).doesNotContain("\"samples\"", "harmlessness");

            ApiClient admin = platform.client(platform.addWorker("root", Role.ADMIN).token());
            JsonNode adminTurn = admin.get("/api/attempts/" + id).body().get("turns").get(0);
            JsonNode samples = adminTurn.get("samples");
            assertThat(samples).hasSize(16);
            List<JsonNode> best = new ArrayList<>();
            samples.forEach(best::add);
            best.sort(Comparator.comparingDouble((JsonNode s) -> s.get("harmlessness").asDouble()).reversed());
            assertThat(adminTurn.get("candidates").get(0).get("text").asText()).isEqualTo(best.get(0).get("text").asText());
            assertThat(best.get(1).get("harmlessness").asDouble())
                    .isEqualTo(samples.findValues("harmlessness").stream().mapToDouble(JsonNode::asDouble).sorted()
                            .skip(14).findFirst().orElseThrow());
        }
    }

    @Test
    void theAdminsAttemptPageShowsEverySampleScoreAndEachCandidatesScore() {
        try (TestPlatform platform = TestPlatform.start(dir, RS)) {
            ApiClient alice = platform.redTeamer("alice");
            long id = alice.startAttempt("plan");
            alice.turnAndPick(id, 0, "tell me how to pick a lock", "B");
            org.redteam.testing.PageSession admin = org.redteam.testing.PageSession.signIn(platform,
                    platform.addWorker("root", Role.ADMIN).inviteSecret());
            String page = admin.get("/admin/attempts/" + id).body();
            assertThat(page.split("<tr><td class=\"quote\">", -1).length - 1).isEqualTo(16);
            assertThat(page.split("· PM harmlessness ", -1).length - 1).isEqualTo(2);
            assertThat(page).contains("rejection-sampling sample").contains("chosen as more harmful").contains("rejected");
        }
    }
}
