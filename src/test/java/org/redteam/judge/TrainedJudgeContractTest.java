package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.JudgeConfig;
import org.redteam.config.JudgeSpec;
import org.redteam.problem.InvalidInputException;

/** The contract on the shipped model with the real MiniLM embedder (loaded once, about a second). */
@Tag("model")
class TrainedJudgeContractTest extends JudgeContract {
    private static TrainedJudge shipped;

    @BeforeAll
    static void load() {
        shipped = TrainedJudge.load("trained", Optional.empty());
    }

    @AfterAll
    static void close() {
        shipped.close();
    }

    @Override
    protected Judge judge() {
        return shipped;
    }

    @Override
    protected Optional<Judge> failingJudge() {
        return Optional.empty();
    }

    @Test
    void theFactoryBuildsTheShippedJudgeWhenNoModelIsNamed() {
        Judge judge = new JudgeFactory((id, spec) -> {
            throw new AssertionError("a trained judge asks no backend");
        }, () -> {
            throw new AssertionError("a trained judge asks no preference model");
        }).build(new JudgeConfig("t", new JudgeSpec.Trained(Optional.empty())));
        assertThat(judge.id()).isEqualTo("t");
        assertThat(judge.version()).isEqualTo(shipped.version()).startsWith("trained/default-judge@");
        ((TrainedJudge) judge).close();
    }

    @Test
    void aModelFileOfAnotherFormatIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pm.json");
        Files.writeString(file, "{\"format\": \"redteam-pm\", \"version\": 1}");
        assertThatThrownBy(() -> TrainedJudge.load("t", Optional.of(file))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pm.json: not a redteam-judge v1 model file");
    }
}
