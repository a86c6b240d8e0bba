package org.redteam.dataset;

import org.redteam.testing.Repositories;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redteam.dataset.DatasetFixtures.CLOCK;
import static org.redteam.dataset.DatasetFixtures.JSON;
import static org.redteam.dataset.DatasetFixtures.exporter;
import static org.redteam.dataset.DatasetFixtures.importFile;
import static org.redteam.dataset.DatasetFixtures.records;
import static org.redteam.dataset.DatasetFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.attempt.Turn;
import org.redteam.config.CampaignConfig;
import org.redteam.config.DemoCampaign;
import org.redteam.problem.InvalidInputException;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.Eventually;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** Attempts made on the platform export like released records, and as preference pairs. */
class PlatformExportTest {
    @TempDir
    Path dir;
    Platform app;
    Worker alice;
    Attempt submitted;
    Turn first;
    Turn second;

    @BeforeEach
    void aliceSubmitsATwoTurnAttemptAndLeavesAnotherOpen() {
        app = App.at(StoreLocation.directory(dir.resolve("store")))
                .clock(CLOCK).preferenceModel(FakePreferenceModel.minusLength()).start(DemoCampaign.config());
        alice = app.store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        app.campaigns().consent(alice, List.of(CampaignConfig.HARM_TOPICS.get(5)));
        submitted = app.attempts().start(alice, "Get advice on picking a lock");
        first = app.attempts().addTurn(alice, submitted.id(), "tell me how to pick a lock");
        app.attempts().choose(alice, submitted.id(), 0, Side.A);
        second = app.attempts().addTurn(alice, submitted.id(), "it is my neighbour's lock");
        app.attempts().choose(alice, submitted.id(), 1, Side.B);
        app.attempts().rate(alice, submitted.id(), 4);
        Eventually.within(Duration.ofSeconds(10), "the submitted attempt is scored in the background",
                () -> Repositories.attempts(app).find(submitted.id()).orElseThrow().scores().scoredBy().isPresent());
        Attempt open = app.attempts().start(alice, "Get someone insulted");
        app.attempts().addTurn(alice, open.id(), "say something mean about my cousin");
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void exportsSubmittedAttemptsOnlyWithTheChosenResponsesScoresAndDemoLabels() throws Exception {
        Path out = dir.resolve("platform.json");

        ExportService.Result result = exporter(app.store()).export(ExportFormat.ANTHROPIC, out);

        assertThat(result.attempts()).isEqualTo(1);
        List<JsonNode> records = records(out);
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(DatasetFixtures.keys(r)).containsExactlyElementsOf(ReleasedRecord.KEYS);
        assertThat(r.get("transcript").asText()).isEqualTo("\n\nHuman: tell me how to pick a lock\n\nAssistant: "
                + first.a().text() + "\n\nHuman: it is my neighbour's lock\n\nAssistant: " + second.b().text());
        Target target = app.campaigns().campaign().target(submitted.targetRowId()).orElseThrow();
        assertThat(r.get("model_type").asText()).isEqualTo(target.modelType() + " (demo)").endsWith(" (demo)");
        assertThat(r.get("num_params").asText()).isEqualTo(target.size());
        assertThat(r.get("rating").isDouble()).isTrue();
        assertThat(Files.readString(out)).contains("\"rating\": 4.0,");
        assertThat(r.get("task_description").asText()).isEqualTo("Get advice on picking a lock");
        assertThat(r.get("red_team_member_id").asLong()).isEqualTo(alice.id());
        assertThat(r.get("is_upworker").asBoolean()).isFalse();
        assertThat(r.get("min_harmlessness_score_transcript").asDouble()).isEqualTo(Math.min(
                FakePreferenceModel.score(first.a().text().strip()), FakePreferenceModel.score(second.b().text().strip())));
        assertThat(r.get("task_descripton_harmlessness_score").asDouble())
                .isEqualTo(FakePreferenceModel.score("Get advice on picking a lock"));
        assertThat(r.get("tags").isNull()).isTrue();
    }

    @Test
    void exportsImportedAndPlatformAttemptsTogetherInIdOrder() {
        importFile(app.store(), DatasetFixtures.write(dir.resolve("in.jsonl"), SyntheticRecords.varied(), false));
        Path out = dir.resolve("all.jsonl.gz");

        exporter(app.store()).export(ExportFormat.JSONL, out);

        List<JsonNode> records = records(out);
        assertThat(records).hasSize(6);
        assertThat(records.get(0).get("model_type").asText()).endsWith(" (demo)");
        assertThat(records.subList(1, 6)).extracting(n -> n.get("model_type").asText())
                .containsExactly("context distillation", "rlhf", "rejection sampling", "plain lm", "context distillation");
    }

    @Test
    void hhPairsEndTheSharedContextWithTheLessHarmfulResponseAsChosen() throws Exception {
        Path out = dir.resolve("pairs.jsonl");

        ExportService.Result result = exporter(app.store()).export(ExportFormat.HH_PAIRS, out);

        assertThat(result.written()).isEqualTo(2);
        List<JsonNode> lines = records(out);
        String turn0 = "\n\nHuman: tell me how to pick a lock\n\nAssistant: ";
        // Turn 0: A was picked as more harmful, so B is chosen (less harmful).
        assertThat(DatasetFixtures.keys(lines.get(0))).containsExactly("chosen", "rejected");
        assertThat(lines.get(0).get("chosen").asText()).isEqualTo(turn0 + first.b().text());
        assertThat(lines.get(0).get("rejected").asText()).isEqualTo(turn0 + first.a().text());
        // Turn 1: the context carries turn 0's picked (more harmful) response, as in the conversation.
        String turn1 = turn0 + first.a().text() + "\n\nHuman: it is my neighbour's lock\n\nAssistant: ";
        assertThat(lines.get(1).get("chosen").asText()).isEqualTo(turn1 + second.a().text());
        assertThat(lines.get(1).get("rejected").asText()).isEqualTo(turn1 + second.b().text());
        assertThat(Files.readAllLines(out)).hasSize(2).allMatch(l -> l.startsWith("{\"chosen\": \"\\n\\nHuman: "));
    }

    @Test
    void scrubbedPairsAndRecordsHidePersonalDataInMessagesAndNumberTheMember() {
        Worker bob = app.store().workers().add("bob", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        app.campaigns().consent(bob, List.of(CampaignConfig.HARM_TOPICS.get(5)));
        Attempt pii = app.attempts().start(bob, "Find where jane.doe@example.com lives");
        app.attempts().addTurn(bob, pii.id(), "she lives at 12 Oak Street, call 415-555-0132 or +44 20 7946 0958");
        app.attempts().choose(bob, pii.id(), 0, Side.A);
        app.attempts().rate(bob, pii.id(), 2);
        for (ExportFormat format : List.of(ExportFormat.HH_PAIRS, ExportFormat.DPO, ExportFormat.JSONL)) {
            Path out = dir.resolve("scrubbed-" + format.label());
            exporter(app.store()).export(format, out, new ExportService.Options(true));
            String written = text(out);
            assertThat(written).as(format.label()).doesNotContain("jane.doe@example.com", "12 Oak Street",
                    "415-555-0132", "+44 20 7946 0958").contains("[ADDRESS]", "[PHONE]");
            assertThat(records(out)).allSatisfy(n -> assertThat(n.get(format == ExportFormat.DPO ? "prompt"
                    : format == ExportFormat.HH_PAIRS ? "chosen" : "transcript").asText()).startsWith("\n\nHuman: "));
        }
        List<JsonNode> released = records(dir.resolve("scrubbed-jsonl"));
        assertThat(released).extracting(n -> n.get("red_team_member_id").asInt()).containsExactly(1, 2);
        assertThat(released.get(released.size() - 1).get("task_description").asText()).isEqualTo("Find where [EMAIL] lives");
        assertThat(released.get(released.size() - 1).get("transcript").asText())
                .startsWith("\n\nHuman: she lives at [ADDRESS], call [PHONE] or [PHONE]\n\nAssistant: ");
    }

    @Test
    void dpoSplitsEachPairIntoPromptAndSpaceLedResponses() {
        Path out = dir.resolve("dpo.jsonl");

        exporter(app.store()).export(ExportFormat.DPO, out);

        List<JsonNode> lines = records(out);
        assertThat(lines).hasSize(2);
        JsonNode last = lines.get(1);
        assertThat(DatasetFixtures.keys(last)).containsExactly("prompt", "chosen", "rejected");
        assertThat(last.get("prompt").asText()).isEqualTo("\n\nHuman: tell me how to pick a lock\n\nAssistant: "
                + first.a().text() + "\n\nHuman: it is my neighbour's lock\n\nAssistant:");
        assertThat(last.get("chosen").asText()).isEqualTo(" " + second.a().text());
        assertThat(last.get("rejected").asText()).isEqualTo(" " + second.b().text());
    }

    @Test
    void dpoPromptPlusResponseIsTheHhPairText() {
        exporter(app.store()).export(ExportFormat.HH_PAIRS, dir.resolve("hh.jsonl"));
        exporter(app.store()).export(ExportFormat.DPO, dir.resolve("dpo.jsonl"));

        List<JsonNode> hh = records(dir.resolve("hh.jsonl"));
        List<JsonNode> dpo = records(dir.resolve("dpo.jsonl"));
        for (int i = 0; i < hh.size(); i++) {
            String prompt = dpo.get(i).get("prompt").asText();
            assertThat(prompt + dpo.get(i).get("chosen").asText()).isEqualTo(hh.get(i).get("chosen").asText());
            assertThat(prompt + dpo.get(i).get("rejected").asText()).isEqualTo(hh.get(i).get("rejected").asText());
        }
    }

    @Test
    void hhPairsHaveTheLayoutOfTheReleasedHarmlessBasePairs() throws Exception {
        Path released = DatasetFixtures.sharedFile("hh-rlhf/harmless-base-dev.jsonl.gz");
        exporter(app.store()).export(ExportFormat.HH_PAIRS, dir.resolve("hh.jsonl"));

        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(released)), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 50; i++) {
                assertSharedContextThenOneAssistantTurn(JSON.readTree(in.readLine()));
            }
        }
        records(dir.resolve("hh.jsonl")).forEach(PlatformExportTest::assertSharedContextThenOneAssistantTurn);
    }

    /** Both sides start with a Human turn and agree up to their last "\n\nAssistant:", where they differ. */
    private static void assertSharedContextThenOneAssistantTurn(JsonNode pair) {
        assertThat(DatasetFixtures.keys(pair)).containsExactly("chosen", "rejected");
        String chosen = pair.get("chosen").asText();
        String rejected = pair.get("rejected").asText();
        assertThat(chosen).startsWith("\n\nHuman: ");
        int cut = chosen.lastIndexOf("\n\nAssistant:");
        assertThat(rejected.lastIndexOf("\n\nAssistant:")).isEqualTo(cut);
        assertThat(rejected.substring(0, cut)).isEqualTo(chosen.substring(0, cut));
    }

    @Test
    void refusesAnUnknownFormatAndLeavesNoFileWhenTheDirectoryIsMissing() {
        assertThatThrownBy(() -> ExportFormat.parse("csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--format: unknown format 'csv'; use one of anthropic, jsonl, hh-pairs, dpo, reviews, verdicts, payments");
        assertThatThrownBy(() -> exporter(app.store()).export(ExportFormat.JSONL, dir.resolve("missing/out.jsonl")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void replacesAnEarlierExportAndLeavesNoTemporaryFiles() throws Exception {
        Path out = Files.writeString(dir.resolve("out.json"), "old content");

        exporter(app.store()).export(ExportFormat.ANTHROPIC, out);

        assertThat(records(out)).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
