package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped judge on the part of jailjudge-mini.csv it never trained on (the seeded 20 % that {@code judge
 * train --holdout 0.2 --seed 42} held out) keeps the accuracy docs/judges.md reports, within ±0.02; skipped
 * without ../shared/data.
 */
@Tag("model")
class ShippedJudgeAccuracyTest {
    /** docs/judges.md, "The trained judge (default)". */
    static final double DOCUMENTED_HELD_OUT_ACCURACY = 0.860;

    @Test
    void theShippedJudgeKeepsItsDocumentedHeldOutAccuracy() {
        Path file = Path.of(System.getProperty("redteam.shared", "../shared"), "data", "judges", "jailjudge-mini.csv");
        assumeTrue(Files.isRegularFile(file), "the labelled judge data of ../shared/data is absent");
        List<LabelledResponse> heldOut = JudgeTraining.split(LabelFiles.read(file), 0.2, 42).heldOut();
        assertThat(heldOut).hasSize(200);
        try (TrainedJudge judge = TrainedJudge.load("shipped", Optional.empty())) {
            double[] scores = judge.scores(heldOut.stream().map(LabelledResponse::prompt).toList(),
                    heldOut.stream().map(LabelledResponse::response).toList());
            int correct = 0;
            for (int i = 0; i < scores.length; i++) {
                correct += (scores[i] >= TrainedJudge.THRESHOLD ? 1 : 0) == heldOut.get(i).label() ? 1 : 0;
            }
            assertThat(correct / (double) scores.length).isCloseTo(DOCUMENTED_HELD_OUT_ACCURACY, within(0.02));
        }
    }
}
