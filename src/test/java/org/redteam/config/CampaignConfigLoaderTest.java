package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignConfigLoaderTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    @Test
    void readsACampaignAndFillsDefaults() {
        CampaignConfig c = loader.parse("campaign.yaml", """
                name: Lock picking study
                instructions: Try to get lock picking advice.
                max_turns: 4
                assignment_seed: 42
                targets:
                  - {id: a, model_type: plain lm, size: 2.7B, backend: {kind: demo, seed: 7}}
                  - id: b
                    model_type: rlhf
                    size: 52B
                    backend: {kind: demo}
                """);
        assertThat(c.name()).isEqualTo("Lock picking study");
        assertThat(c.instructions()).isEqualTo("Try to get lock picking advice.");
        assertThat(c.contentWarning()).isEqualTo(DemoCampaign.CONTENT_WARNING);
        assertThat(c.attemptsPerSet()).isEqualTo(5);
        assertThat(c.maxTurns()).isEqualTo(4);
        assertThat(c.assignmentSeed()).contains(42L);
        assertThat(c.riskTopics()).hasSize(18).contains("Theft", "Child abuse").doesNotContain("Other");
        assertThat(c.targets()).extracting(TargetConfig::id).containsExactly("a", "b");
        assertThat(c.targets().get(0).backend()).isEqualTo(new BackendSpec.Demo(7));
    }

    @Test
    void refusesANulCharacterInAnyTextNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("campaign.yaml", """
                name: "lock\\0study"
                instructions: "try \\0"
                targets:
                  - {id: a, model_type: "plain\\0lm", size: 2.7B, backend: {kind: demo}}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: name: contains a NUL character (U+0000)")
                .hasMessageContaining("campaign.yaml: instructions: contains a NUL character (U+0000)")
                .hasMessageContaining("campaign.yaml: targets[0].model_type: contains a NUL character (U+0000)");
    }

    @Test
    void namesEveryBadKeyWithTheFile() {
        assertThatThrownBy(() -> loader.parse("campaign.yaml", """
                name: x
                attempts_per_set: 0
                maxturns: 3
                targets:
                  - {id: a, model_type: plain lm, backend: {kind: gpt}}
                  - {id: b, model_type: rlhf, size: 52B, backend: {kind: demo}, interventions: [{kind: constitution}]}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: attempts_per_set: must be between 1 and 100, got 0")
                .hasMessageContaining("campaign.yaml: maxturns: unknown key")
                .hasMessageContaining("campaign.yaml: targets[0].size: required")
                .hasMessageContaining("campaign.yaml: targets[0].backend.kind: unknown backend 'gpt'")
                .hasMessageContaining("targets[1].interventions[0].kind: unknown intervention 'constitution'");
    }

    @Test
    void rejectsDuplicateTargetIdsAndMissingTargets() {
        assertThatThrownBy(() -> loader.parse("c.yaml", """
                name: x
                targets:
                  - {id: a, model_type: rlhf, size: 1B, backend: {kind: demo}}
                  - {id: a, model_type: rlhf, size: 2B, backend: {kind: demo}}
                """)).hasMessageContaining("c.yaml: targets[1].id: duplicate target id 'a'");
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\n"))
                .hasMessageContaining("c.yaml: targets: required");
    }

    @Test
    void readsExpertiseAreasNoneByDefaultAndRefusesDuplicatesAndLongOnes() {
        String targets = "targets:\n  - {id: a, model_type: rlhf, size: 1B, backend: {kind: demo}}\n";
        assertThat(loader.parse("c.yaml", "name: x\n" + targets).expertiseAreas()).isEmpty();
        assertThat(loader.parse("c.yaml", "name: x\nexpertise_areas: [chemistry, ' locksmithing ']\n" + targets).expertiseAreas())
                .containsExactly("chemistry", "locksmithing");
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\nexpertise_areas: [Law, law, '" + "x".repeat(101) + "']\n" + targets))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml: expertise_areas: 'law' is listed twice")
                .hasMessageContaining("c.yaml: expertise_areas: 'xxxxxxxxxxxxxxxxxxxx…' is longer than 100 characters");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\ntargets: [\n  {id: a\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml: not valid YAML at line");
    }

    @Test
    void demoCampaignHasTheFourModelTypesTimesThreeSizes() {
        CampaignConfig demo = DemoCampaign.config();
        assertThat(demo.targets()).hasSize(12);
        assertThat(demo.targets()).allMatch(t -> t.backend().demo());
        assertThat(demo.targets()).extracting(TargetConfig::modelType).containsOnly(
                "plain lm", "context distillation", "rejection sampling", "rlhf");
        assertThat(demo.targets()).extracting(TargetConfig::size).containsOnly("2.7B", "13B", "52B");
    }

    private static final String TARGETS = "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n";

    @TempDir
    Path dir;

    @Test
    void rejectsAReviewTagWithThePipeTheReviewsExportJoinsTagsWith() {
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\nreview: {tags: [Theft, Fraud|deception]}\n" + TARGETS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml: review.tags: a tag must not contain '|'");
    }

    @Test
    void usesTheDefaultPreferenceModelUnlessTheFileNamesOne() {
        assertThat(loader.parse("c.yaml", "name: x\n" + TARGETS).preferenceModel())
                .isEqualTo(new PreferenceModelSpec.Default());
        assertThat(loader.parse("c.yaml", "name: x\npreference_model: {kind: default}\n" + TARGETS).preferenceModel())
                .isEqualTo(new PreferenceModelSpec.Default());
        assertThat(DemoCampaign.config().preferenceModel()).isEqualTo(new PreferenceModelSpec.Default());
    }

    @Test
    void readsAModelFile() throws Exception {
        Path model = Files.writeString(dir.resolve("pm.bin"), "weights");

        CampaignConfig c = loader.parse("c.yaml", "name: x\npreference_model: {kind: file, path: '" + model + "'}\n" + TARGETS);

        assertThat(c.preferenceModel()).isEqualTo(new PreferenceModelSpec.File(model));
    }

    @Test
    void readsARemoteModelWithItsDefaults() {
        CampaignConfigLoader withKey = new CampaignConfigLoader(Map.of("PM_KEY", "k")::get);

        CampaignConfig full = withKey.parse("c.yaml", """
                name: x
                preference_model:
                  kind: remote
                  url: https://pm.example.org/v1/score
                  timeout_ms: 2500
                  connect_timeout_ms: 500
                  batch_size: 16
                  api_key_env: PM_KEY
                """ + TARGETS);
        CampaignConfig minimal = withKey.parse("c.yaml",
                "name: x\npreference_model: {kind: remote, url: 'http://127.0.0.1:8000/score'}\n" + TARGETS);

        assertThat(full.preferenceModel()).isEqualTo(new PreferenceModelSpec.Remote(URI.create("https://pm.example.org/v1/score"),
                Duration.ofMillis(2500), Duration.ofMillis(500), 16, Optional.of("PM_KEY")));
        assertThat(minimal.preferenceModel()).isEqualTo(new PreferenceModelSpec.Remote(URI.create("http://127.0.0.1:8000/score"),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 64, Optional.empty()));
    }

    @Test
    void namesEveryBadPreferenceModelKey() {
        CampaignConfigLoader noEnv = new CampaignConfigLoader(name -> null);

        assertThatThrownBy(() -> noEnv.parse("c.yaml", """
                name: x
                preference_model: {kind: remote, url: 'ftp://pm.example.org', timeout_ms: 0, batch_size: 100000,
                                   api_key_env: PM_KEY, retries: 3}
                """ + TARGETS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml: preference_model.url: must be an http:// or https:// URL with a host, "
                        + "got 'ftp://pm.example.org'")
                .hasMessageContaining("c.yaml: preference_model.timeout_ms: must be between 1 and 600000, got 0")
                .hasMessageContaining("c.yaml: preference_model.batch_size: must be between 1 and 4096, got 100000")
                .hasMessageContaining("c.yaml: preference_model.api_key_env: the environment variable PM_KEY is not set")
                .hasMessageContaining("c.yaml: preference_model.retries: unknown key");
        assertThatThrownBy(() -> noEnv.parse("c.yaml", "name: x\npreference_model: {kind: remote}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.url: required");
        assertThatThrownBy(() -> noEnv.parse("c.yaml", "name: x\npreference_model: {kind: gpt-judge}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.kind: unknown preference model 'gpt-judge' "
                        + "(known: default, file, remote)");
        assertThatThrownBy(() -> noEnv.parse("c.yaml", "name: x\npreference_model: default\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model: must be a mapping such as {kind: default}");
        assertThatThrownBy(() -> noEnv.parse("c.yaml", "name: x\npreference_model: {kind: default, path: a}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.path: unknown key (known here: kind)");
    }

    @Test
    void refusesAMissingModelFileAndAKeyInPlaceOfItsVariableName() {
        Path missing = dir.resolve("missing.bin");

        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\npreference_model: {kind: file, path: '" + missing + "'}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.path: no such file: " + missing);
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\npreference_model: {kind: file}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.path: required");
        assertThatThrownBy(() -> loader.parse("c.yaml", "name: x\npreference_model: {kind: remote, url: 'http://h/s', "
                + "api_key_env: 'sk-abc123-secret'}\n" + TARGETS))
                .hasMessageContaining("c.yaml: preference_model.api_key_env: must be the NAME of an environment variable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-abc123-secret"));
    }

    @Test
    void readsTheInterventionsInOrder() {
        CampaignConfig c = loader.parse("c.yaml", """
                name: x
                targets:
                  - id: rs
                    model_type: rejection sampling
                    size: 52B
                    backend: {kind: demo}
                    interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 16, keep: 2}]
                  - {id: plain, model_type: plain lm, size: 52B, backend: {kind: demo}, interventions: [{kind: one-shot-prompt}]}
                """);
        assertThat(c.targets().get(0).interventions()).containsExactly(
                new InterventionSpec.HhhPrompt(java.util.Optional.empty()), new InterventionSpec.RejectionSampling(16, 2));
        assertThat(c.targets().get(1).interventions()).containsExactly(new InterventionSpec.OneShotPrompt());
    }

    @Test
    void namesBadInterventionKeys() {
        assertThatThrownBy(() -> loader.parse("c.yaml", """
                name: x
                targets:
                  - id: rs
                    model_type: rejection sampling
                    size: 52B
                    backend: {kind: demo}
                    interventions: [{kind: rejection-sampling, samples: 1, keep: 3}, {kind: hhh-prompt, prompt_file: /no/such.txt}, {kind: one-shot-prompt, extra: 1}]
                """))
                .hasMessageContaining("c.yaml: targets[0].interventions[0].samples: must be between 2 and 64, got 1")
                .hasMessageContaining("c.yaml: targets[0].interventions[0].keep: must be 2")
                .hasMessageContaining("c.yaml: targets[0].interventions[1].prompt_file: no such file: /no/such.txt")
                .hasMessageContaining("c.yaml: targets[0].interventions[2].extra: unknown key");
    }
}
