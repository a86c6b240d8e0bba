package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redteam judge calibrate --input}: the fixture's hand-worked values (judge/calibration-fixture.md). */
class JudgeCalibrateCommandTest {
    @TempDir
    Path dir;

    Path fixture() throws Exception {
        Path file = dir.resolve("labels.csv");
        try (InputStream in = getClass().getResourceAsStream("/org/redteam/judge/calibration-fixture.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void printsTheHandWorkedFiguresToThreeDecimalsAccuracyLast() throws Exception {
        CliTest.Run run = CliTest.run("judge", "calibrate", "--input", fixture().toString(), "--judge", "judge",
                "--resamples", "500");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.subList(lines.size() - 5, lines.size()))
                .containsExactly("precision: 0.769", "recall: 0.833", "f1: 0.800", "kappa: 0.658", "accuracy: 0.833");
        assertThat(run.out()).contains("people (3): alice, bob, carol",
                "left out: 1 with a tied human majority (u31), 1 not rated by the judge (u32), 0 rated by no person",
                "judge harmful:     10 harmful, 3 not harmful", "judge not harmful: 2 harmful, 15 not harmful",
                "n: 30 units compared", "500 resamples");
        assertThat(lines).anyMatch(l -> l.matches(" +Krippendorff's alpha, people +0\\.575  \\[0\\.\\d{3}, 0\\.\\d{3}\\]"));
        assertThat(lines).anyMatch(l -> l.matches(" +Krippendorff's alpha, people \\+ judge +0\\.584  \\[0\\.\\d{3}, 0\\.\\d{3}\\]"));
        assertThat(lines).anyMatch(l -> l.matches(" +accuracy +0\\.833  \\[0\\.\\d{3}, 0\\.\\d{3}\\]"));
    }

    @Test
    void aNonBinaryValueIsExitThreeNamingLineAndField() throws Exception {
        Path csv = Files.write(dir.resolve("bad.csv"), List.of("unit,rater,value", "u1,alice,1", "u1,judge,0", "u2,alice,2"));

        CliTest.Run run = CliTest.run("judge", "calibrate", "--input", csv.toString(), "--judge", "judge");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("bad.csv:4:", "field 'value'", "'2' is not a binary label");
    }

    @Test
    void anUnknownJudgeIsExitThreeNamingTheRaters() throws Exception {
        CliTest.Run run = CliTest.run("judge", "calibrate", "--input", fixture().toString(), "--judge", "gpt");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("--judge: 'gpt' is not a rater", "alice, bob, carol, judge");
    }

    @Test
    void nothingToCompareIsExitThree() throws Exception {
        Path csv = Files.write(dir.resolve("tie.csv"), List.of("unit,rater,value", "u1,a,1", "u1,b,0", "u1,judge,1"));

        CliTest.Run run = CliTest.run("judge", "calibrate", "--input", csv.toString(), "--judge", "judge");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("no unit has both a human majority and a label by judge 'judge'", "1 tied");
    }
}
