package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign files of docs/examples parse as documented, so the docs stay true. */
class DocsExampleCampaignsTest {
    static final Path EXAMPLES = Path.of("docs", "examples");
    private final CampaignConfigLoader loader = new CampaignConfigLoader(
            name -> name.endsWith("_API_KEY") ? "dummy-key-for-parsing" : null);

    private CampaignConfig parse(String file) throws IOException {
        return loader.parse(file, Files.readString(EXAMPLES.resolve(file)));
    }

    @Test
    void thePaperDesignHasFourModelTypesAtThreeSizes() throws IOException {
        CampaignConfig c = parse("ollama-paper-design.yaml");

        assertThat(c.targets()).hasSize(12);
        assertThat(c.targets()).extracting(t -> t.modelType()).containsOnly("plain lm", "context distillation",
                "rejection sampling", "rlhf");
        assertThat(c.targets()).extracting(t -> t.size()).containsOnly("7B", "13B", "70B");
        assertThat(c.targets().stream().map(t -> t.modelType() + "/" + t.size()).distinct()).hasSize(12);
    }

    @Test
    void theDemoCampaignFileIsTheBuiltInDemoCampaignWithTheAutomatedAndCrowdBlocks() throws IOException {
        CampaignConfig c = parse("demo-campaign.yaml");
        CampaignConfig demo = DemoCampaign.config();

        // "the demo campaign" of docs/automated.md's worked example: the same name (so --steer-coverage finds the
        // stored one), texts and targets (ids, model types, sizes, backends and seeds) as serve without --config
        assertThat(c.name()).isEqualTo(demo.name());
        assertThat(c.targets()).isEqualTo(demo.targets());
        assertThat(List.of(c.instructions(), c.contentWarning(), c.exampleTopics(), c.riskTopics()))
                .isEqualTo(List.of(demo.instructions(), demo.contentWarning(), demo.exampleTopics(), demo.riskTopics()));
        assertThat(c.attackers()).extracting(AttackerSpec::id, AttackerSpec::strategy).containsExactly(
                tuple("demo-zs", AttackerSpec.Strategy.ZERO_SHOT), tuple("demo-fs", AttackerSpec.Strategy.FEW_SHOT),
                tuple("demo-mt", AttackerSpec.Strategy.MULTI_TURN));
        assertThat(c.attackers()).allSatisfy(a -> assertThat(a.backend()).isInstanceOf(BackendSpec.Demo.class));
        assertThat(c.attacker("demo-fs").orElseThrow().examples()).contains(Path.of("demo-successes.jsonl"));
        assertThat(c.coverage().hints()).isTrue();
        assertThat(c.pay().perSet().orElseThrow()).isEqualByComparingTo("8.50");
        assertThat(c.pay().perHour().orElseThrow()).isEqualByComparingTo("20");
        assertThat(c.pay().currency()).isEqualTo("USD");
        assertThat(c.demographics().enabled()).isTrue();
        assertThat(c.demographics().minGroup()).isEqualTo(5);
    }

    @Test
    void theHostedExampleUsesOpenAiAndAnthropic() throws IOException {
        CampaignConfig c = parse("openai-anthropic.yaml");

        assertThat(c.targets()).extracting(t -> t.backend().kind())
                .contains(BackendSpec.OpenAiCompletions.KIND, BackendSpec.OpenAiChat.KIND, BackendSpec.Anthropic.KIND);
        assertThat(c.targets()).extracting(t -> t.modelType()).containsOnly("plain lm", "context distillation",
                "rejection sampling", "rlhf");
    }

    @Test
    void theLocalExampleRunsOnAGgufFile() throws IOException {
        Path model = Path.of(System.getProperty("redteam.shared", "../shared"), "data", "models", "stories260K.gguf");
        assumeTrue(Files.isRegularFile(model), "the tiny GGUF model of ../shared/data is absent");
        String text = Files.readString(EXAMPLES.resolve("local-gguf.yaml"))
                .replace("models/stories260K.gguf", model.toAbsolutePath().toString());

        CampaignConfig c = loader.parse("local-gguf.yaml", text);

        assertThat(c.targets()).hasSize(4).allSatisfy(t -> assertThat(t.backend().kind()).isEqualTo(BackendSpec.Gguf.KIND));
    }
}
