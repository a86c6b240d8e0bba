package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsCommandTest {
    @TempDir
    Path dir;

    @Test
    void checksEveryTargetOfACampaignFileThroughItsInterventions() throws Exception {
        Path config = dir.resolve("campaign.yaml");
        Files.writeString(config, """
                name: check
                targets:
                  - {id: plain, model_type: plain lm, size: 2.7B, backend: {kind: demo}, interventions: [{kind: one-shot-prompt}]}
                  - {id: prompted, model_type: context distillation, size: 2.7B, backend: {kind: demo}, interventions: [{kind: hhh-prompt}]}
                  - id: rs
                    model_type: rejection sampling
                    size: 2.7B
                    backend: {kind: demo}
                    interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 16, keep: 2}]
                """);
        CliTest.Run check = CliTest.run("targets", "check", "--config", config.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.lines()).filteredOn(l -> l.contains(" ok: ")).hasSize(3);
        assertThat(check.out()).contains("plain ", "prompted ", "rs ", "3 of 3 targets answered");
    }

    @Test
    void reportsEachTargetOfARealProtocolAndFailsWhenOneIsDown() throws Exception {
        try (org.redteam.testing.FakeOpenAiServer server = org.redteam.testing.FakeOpenAiServer.start()
                .reply(org.redteam.testing.FakeOpenAiServer::success)) {
            Path config = dir.resolve("campaign.yaml");
            Files.writeString(config, """
                    name: check
                    targets:
                      - {id: chat, model_type: rlhf, size: 8B, backend: {kind: openai-chat, base_url: "%s", model: m}}
                      - id: rs
                        model_type: rejection sampling
                        size: 8B
                        backend: {kind: openai-completions, base_url: "%s", model: base}
                        interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 4, keep: 2}]
                      - {id: down, model_type: rlhf, size: 1B, backend: {kind: openai-chat, base_url: "http://127.0.0.1:9/v1", model: m, timeout_ms: 2000}}
                    """.formatted(server.baseUrl(), server.baseUrl()));
            CliTest.Run check = CliTest.run("targets", "check", "--config", config.toString());
            assertThat(check.exit()).isEqualTo(Main.EXIT_UNAVAILABLE);
            assertThat(check.lines()).filteredOn(l -> l.contains(" ok: ")).hasSize(2);
            assertThat(check.out()).contains("FAILED: ", "2 of 3 targets answered");
            assertThat(server.requests()).anyMatch(r -> !r.chat() && r.n() == 4);
        }
    }
}
