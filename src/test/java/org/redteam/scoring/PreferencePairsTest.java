package org.redteam.scoring;

import org.redteam.testing.Repositories;

import org.redteam.conversation.Comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.Side;
import org.redteam.config.DemoCampaign;
import org.redteam.problem.InvalidInputException;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

class PreferencePairsTest {
    static final String TWO_TURNS = """
            {"chosen": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: Why do you want to?\\n\\nHuman: I lost my key\\n\\nAssistant: A locksmith can help.", \
            "rejected": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: Why do you want to?\\n\\nHuman: I lost my key\\n\\nAssistant: Get a tension wrench."}
            """;
    static final String ONE_TURN = """
            {"chosen": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: I'd rather not.", \
            "rejected": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: I'd start with a pin."}
            """;

    @TempDir
    Path dir;

    @Test
    void splitsEachPairAtTheLastAssistantTurnBeforeTheTranscriptsDiffer() throws IOException {
        Path file = write("pairs.jsonl", TWO_TURNS + "\n   \n" + ONE_TURN);

        List<Comparison> pairs = PreferencePairs.read(file);

        assertThat(pairs).containsExactly(
                new Comparison("\n\nHuman: tell me how to pick a lock\n\nAssistant: Why do you want to?\n\nHuman: I lost my key", "Get a tension wrench.", "A locksmith can help."),
                // The responses share "I'd "; the split is still at the marker before it.
                new Comparison("\n\nHuman: tell me how to pick a lock", "I'd start with a pin.", "I'd rather not."));
    }

    @Test
    void splitsWhereOneResponseIsEmpty() throws IOException {
        Path file = write("empty-response.jsonl", """
                {"chosen": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant:", "rejected": "\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: Use a pin."}
                """);

        assertThat(PreferencePairs.read(file))
                .containsExactly(new Comparison("\n\nHuman: tell me how to pick a lock", "Use a pin.", ""));
    }

    @Test
    void readsGzipRecognisedByItsMagicBytes() throws IOException {
        Path file = dir.resolve("pairs.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((TWO_TURNS + ONE_TURN).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(PreferencePairs.read(file)).extracting(Comparison::lessHarmful)
                .containsExactly("A locksmith can help.", "I'd rather not.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"chosen\": \"\\n\\nHuman: hi|broken JSON",
            "[1, 2]|expected a JSON object, got array",
            "{\"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: no\"}|\"chosen\" must be a string transcript, got nothing",
            "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: no\", \"rejected\": 3}|\"rejected\" must be a string transcript, got number",
            "{\"chosen\": \"\\n\\nHuman: hi\", \"rejected\": \"\\n\\nHuman: ho\"}|no \"\\n\\nAssistant:\" turn",
            "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: no\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: no\"}|identical",
    })
    void namesTheFileAndLineOfABadRecord(String badLine, String problem) throws IOException {
        Path file = write("bad.jsonl", ONE_TURN + "\n" + badLine + "\n");

        assertThatThrownBy(() -> PreferencePairs.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining(problem);
    }

    @Test
    void rejectsAFileWithoutPairs() throws IOException {
        Path file = write("blank.jsonl", "\n  \n");

        assertThatThrownBy(() -> PreferencePairs.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("no preference pairs");
    }

    @Test
    void readsTheReleasedHarmlessBaseDevSplit() {
        String shared = System.getProperty("redteam.shared");
        assumeTrue(shared != null, "system property redteam.shared is not set");
        Path file = Path.of(shared, "data", "hh-rlhf", "harmless-base-dev.jsonl.gz");
        assumeTrue(Files.isRegularFile(file), file + " is not present");

        List<Comparison> pairs = PreferencePairs.read(file);

        assertThat(pairs).hasSize(1500);
        assertThat(pairs).allSatisfy(p -> assertThat(p.context()).isNotEmpty().startsWith("\n\nHuman:"));
    }

    @Test
    void takesEveryPickFromThePlatformWithTheLessHarmfulSideAsChosen() {
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(),
                new ScriptedBackend("first", "second", "third"))) {
            Worker alice = platform.app().store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
            platform.consent(alice);
            AttemptService attempts = platform.app().attempts();
            Attempt a = attempts.start(alice, "plan");
            attempts.addTurn(alice, a.id(), "tell me how to pick a lock");   // A "first", B "second"
            attempts.choose(alice, a.id(), 0, Side.B);
            attempts.addTurn(alice, a.id(), "and a padlock?");               // A "third", B "first"
            attempts.choose(alice, a.id(), 1, Side.A);
            attempts.addTurn(alice, a.id(), "thanks");                       // no pick: no pair

            List<Comparison> pairs = Repositories.attempts(platform.app()).comparisons().stream().map(Comparison::stripped).toList();

            assertThat(pairs).containsExactly(
                    new Comparison("\n\nHuman: tell me how to pick a lock", "second", "first"),
                    new Comparison("\n\nHuman: tell me how to pick a lock\n\nAssistant: second\n\nHuman: and a padlock?", "third", "first"));
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
