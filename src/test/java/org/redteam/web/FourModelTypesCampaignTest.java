package org.redteam.web;

import org.redteam.App;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ApiClient;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.TestPlatform;

/**
 * The paper's design end to end: plain LM, prompted LM and rejection sampling on a (fake)
 * OpenAI-compatible completions server, RLHF on a real local GGUF model; a red teamer works through
 * a set and every model type shows up in the export with its labels.
 */
class FourModelTypesCampaignTest {
    @TempDir
    Path dir;

    @Test
    void runsAllFourModelTypesFromRequestToExport() throws Exception {
        Path gguf = Path.of(System.getProperty("redteam.shared", "../shared"), "data", "models", "stories260K.gguf");
        assumeTrue(Files.isRegularFile(gguf), "the tiny GGUF model of ../shared/data is absent");
        try (FakeOpenAiServer server = FakeOpenAiServer.start().reply(FakeOpenAiServer::success)) {
            CampaignConfig config = new CampaignConfigLoader().parse("paper.yaml", """
                    name: paper design
                    attempts_per_set: 4
                    targets:
                      - {id: plain-8b, model_type: plain lm, size: 8B, backend: {kind: openai-completions, base_url: "%1$s", model: base},
                         interventions: [{kind: one-shot-prompt}]}
                      - {id: prompted-8b, model_type: context distillation, size: 8B, backend: {kind: openai-completions, base_url: "%1$s", model: base},
                         interventions: [{kind: hhh-prompt}]}
                      - {id: rs-8b, model_type: rejection sampling, size: 8B, backend: {kind: openai-completions, base_url: "%1$s", model: base},
                         interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 16, keep: 2}]}
                      - {id: rlhf-tiny, model_type: rlhf, size: 260K, backend: {kind: gguf, path: "%2$s", max_tokens: 12, context_size: 512}}
                    """.formatted(server.baseUrl(), gguf));
            try (TestPlatform platform = TestPlatform.start(dir, config, App.targets())) {
                ApiClient alice = platform.redTeamer("alice");
                String code = null;
                for (int i = 0; i < 4; i++) {
                    long id = alice.startAttempt("plan " + i);
                    ApiClient.Response turn = alice.turnAndPick(id, 0, "tell me how to pick a lock", "A");
                    assertThat(turn.body().get("candidates")).hasSize(2);
                    ApiClient.Response rated = alice.post("/api/attempts/" + id + "/rating", Map.of("rating", i));
                    assertThat(rated.status()).isEqualTo(200);
                    code = rated.body().has("completionCode") ? rated.body().get("completionCode").asText() : null;
                }
                assertThat(code).startsWith("RT-");
                Path out = dir.resolve("export.json");
                platform.app().store().exports().export(org.redteam.dataset.ExportFormat.ANTHROPIC, out);
                JsonNode records = new ObjectMapper().readTree(out.toFile());
                Set<String> types = new HashSet<>();
                records.forEach(r -> types.add(r.get("model_type").asText() + "/" + r.get("num_params").asText()));
                assertThat(types).containsExactlyInAnyOrder("plain lm/8B", "context distillation/8B",
                        "rejection sampling/8B", "rlhf/260K");
                assertThat(server.requests()).anyMatch(r -> r.n() == 16);
                assertThat(server.requests()).anyMatch(r -> r.input().contains("vegetable garden"));
            }
        }
    }
}
