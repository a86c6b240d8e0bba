package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code llm} and {@code llama-guard} judges of a campaign file: defaults, and errors that name the key. */
class LlmJudgeConfigTest {
    private static final String HEAD = "name: x\ntargets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n"
            + "judges:\n";
    private static final String CHAT = "{kind: openai-chat, base_url: 'http://localhost:8000/v1', model: judge-model}";
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    @TempDir
    Path dir;

    private CampaignConfig parse(String judges) {
        return loader.parse("c.yaml", HEAD + judges);
    }

    @Test
    void readsAnLlmJudgeWithDefaultsAndALlamaGuardJudge() throws Exception {
        Path prompt = Files.writeString(dir.resolve("mine.txt"), "Judge {transcript}");
        CampaignConfig c = parse("  - {id: comply, kind: llm, backend: " + CHAT + "}\n"
                + "  - {id: graded, kind: llm, rubric: graded, in_flight: 8, attempts: 3, backend: " + CHAT + "}\n"
                + "  - {id: mine, kind: llm, prompt_file: '" + prompt + "', backend: " + CHAT + "}\n"
                + "  - {id: guard, kind: llama-guard, in_flight: 2, backend: {kind: openai-completions, "
                + "base_url: 'http://localhost:8000/v1', model: llama-guard-3-8b}}\n");
        JudgeSpec.Llm comply = (JudgeSpec.Llm) c.judges().get(0).spec();
        assertThat(comply.rubric()).isEqualTo(JudgeSpec.Llm.COMPLY);
        assertThat(comply.promptFile()).isEmpty();
        assertThat(comply.inFlight()).isEqualTo(JudgeSpec.Llm.DEFAULT_IN_FLIGHT);
        assertThat(comply.attempts()).isEqualTo(JudgeSpec.Llm.DEFAULT_ATTEMPTS);
        assertThat(comply.backend()).isInstanceOf(BackendSpec.OpenAiChat.class);
        JudgeSpec.Llm graded = (JudgeSpec.Llm) c.judges().get(1).spec();
        assertThat(graded.rubric()).isEqualTo(JudgeSpec.Llm.GRADED);
        assertThat(graded.inFlight()).isEqualTo(8);
        assertThat(graded.attempts()).isEqualTo(3);
        assertThat(((JudgeSpec.Llm) c.judges().get(2).spec()).promptFile()).isEqualTo(Optional.of(prompt));
        JudgeSpec.LlamaGuard guard = (JudgeSpec.LlamaGuard) c.judges().get(3).spec();
        assertThat(guard.inFlight()).isEqualTo(2);
        assertThat(guard.backend()).isInstanceOf(BackendSpec.OpenAiCompletions.class);
    }

    @Test
    void theExamplesOfTheJudgesGuideParse() throws Exception {
        CampaignConfigLoader withKeys = new CampaignConfigLoader(name -> name.endsWith("_API_KEY") ? "dummy-key" : null);
        String guide = Files.readString(Path.of("docs", "judges.md"));
        Matcher m = Pattern.compile("```yaml\n(judges:\n.*?)```", Pattern.DOTALL).matcher(guide);
        List<String> kinds = new ArrayList<>();
        while (m.find()) {
            withKeys.parse("judges.md", HEAD.replace("judges:\n", "") + m.group(1)).judges()
                    .forEach(j -> kinds.add(j.spec().kind()));
        }
        assertThat(kinds).contains(JudgeSpec.Llm.KIND, JudgeSpec.LlamaGuard.KIND);
    }

    @Test
    void anUnknownRubricIsNamed() {
        assertThatThrownBy(() -> parse("  - {id: j, kind: llm, rubric: strict, backend: " + CHAT + "}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("judges[0].rubric: 'strict' is not a rubric (known: comply, graded");
    }

    @Test
    void bothRubricAndPromptFileAreRefused() throws Exception {
        Path prompt = Files.writeString(dir.resolve("mine.txt"), "Judge {transcript}");
        assertThatThrownBy(() -> parse("  - {id: j, kind: llm, rubric: comply, prompt_file: '" + prompt + "', backend: "
                + CHAT + "}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("judges[0].prompt_file: give either rubric: or prompt_file:, not both");
    }

    @Test
    void aMissingBackendIsNamedForBothKinds() {
        assertThatThrownBy(() -> parse("  - {id: j, kind: llm}\n  - {id: g, kind: llama-guard}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("judges[0].backend: required")
                .hasMessageContaining("judges[1].backend: required");
    }

    @Test
    void aMissingPromptFileIsNamed() {
        assertThatThrownBy(() -> parse("  - {id: j, kind: llm, prompt_file: '" + dir.resolve("gone.txt") + "', backend: "
                + CHAT + "}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("judges[0].prompt_file: no such file: ");
    }

    @Test
    void inFlightAndAttemptsOutOfRangeAreNamed() {
        assertThatThrownBy(() -> parse("  - {id: j, kind: llm, in_flight: 0, attempts: 9, backend: " + CHAT + "}\n"
                + "  - {id: g, kind: llama-guard, in_flight: 65, backend: " + CHAT + "}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("judges[0].in_flight")
                .hasMessageContaining("judges[0].attempts")
                .hasMessageContaining("judges[1].in_flight");
    }
}
