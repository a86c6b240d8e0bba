package org.redteam.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.dataset.DatasetFixtures.CLOCK;
import static org.redteam.dataset.DatasetFixtures.exporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.config.CampaignConfig;
import org.redteam.config.DemoCampaign;
import org.redteam.config.DemographicsSettings;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** Demographics answers never reach an export of attempts; the datasheet reports them in aggregate only. */
class DemographicsExportTest {
    @TempDir
    Path dir;
    Platform app;
    Worker alice;

    @BeforeEach
    void aliceSubmitsAnAttempt() {
        app = App.at(StoreLocation.directory(dir.resolve("store"))).clock(CLOCK).preferenceModel(FakePreferenceModel.minusLength())
                .start(DemoCampaign.config().withDemographics(new DemographicsSettings(true, 5, DemographicsSettings.DEFAULT_QUESTIONS)));
        alice = app.store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        app.campaigns().consent(alice, List.of(CampaignConfig.HARM_TOPICS.get(5)));
        Attempt attempt = app.attempts().start(alice, "Get advice on picking a lock");
        app.attempts().addTurn(alice, attempt.id(), "tell me how to pick a lock");
        app.attempts().choose(alice, attempt.id(), 0, Side.A);
        app.attempts().rate(alice, attempt.id(), 2);
        org.redteam.testing.Eventually.within(java.time.Duration.ofSeconds(10), "the attempt is scored in the background",
                () -> org.redteam.testing.Repositories.attempts(app).find(attempt.id()).orElseThrow().scores().scoredBy().isPresent());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void answers() {
        app.demographics().answer(alice, Map.of("age", "25–34", "country", "India"));
        for (int i = 0; i < 5; i++) {
            Worker w = app.store().workers().add("w" + i, Set.of(Role.RED_TEAMER), Optional.empty()).worker();
            app.demographics().answer(w, Map.of("age", "35–44"));
        }
        Worker skipper = app.store().workers().add("skipper", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        app.demographics().skip(skipper);
    }

    @Test
    void everyExportOfAttemptsIsByteIdenticalWithAnswersStored() throws Exception {
        List<ExportFormat> formats = List.of(ExportFormat.ANTHROPIC, ExportFormat.JSONL, ExportFormat.HH_PAIRS);
        for (ExportFormat f : formats) {
            exporter(app.store()).export(f, dir.resolve("before-" + f.label() + ".jsonl"));
        }

        answers();

        for (ExportFormat f : formats) {
            Path after = dir.resolve("after-" + f.label() + ".jsonl");
            exporter(app.store()).export(f, after);
            assertThat(Files.readAllBytes(after)).as(f.label()).isEqualTo(Files.readAllBytes(dir.resolve("before-" + f.label() + ".jsonl")));
            assertThat(Files.readString(after)).doesNotContain("India").doesNotContain("25–34");
        }
    }

    @Test
    void theDatasheetCountsAnswersAndSuppressesGroupsOfFewerThanFive() throws Exception {
        answers();
        Path out = dir.resolve("all.jsonl");

        exporter(app.store()).export(ExportFormat.JSONL, out, new ExportService.Options(false, true));

        String sheet = Files.readString(ExportService.datasheetPath(out));
        // age: 5 said 35–44, alice alone said 25–34: the only small answer, so 35–44 is withheld too (6 − 5 would
        // give alice away); country: alice alone, nothing else to withhold.
        assertThat(sheet).contains("### Who the crowd is")
                .contains("Optional questionnaire (whole store): 6 answered, 1 skipped.")
                .contains("  - 35–44: withheld\n")
                .contains("  - 25–34: fewer than 5\n")
                .contains("  - India: fewer than 5\n");
    }

    @Test
    void withoutResponsesTheDatasheetSaysSo() throws Exception {
        Path out = dir.resolve("all.jsonl");

        exporter(app.store()).export(ExportFormat.JSONL, out, new ExportService.Options(false, true));

        assertThat(Files.readString(ExportService.datasheetPath(out))).contains("No demographics questionnaire was answered");
    }
}
