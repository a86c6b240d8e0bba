package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JudgeTrainingTest {

    private static List<LabelledResponse> rows(int n) {
        List<LabelledResponse> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new LabelledResponse("prompt " + i, "answer " + i, i % 3 == 0 ? 1 : 0, "line " + i));
        }
        return rows;
    }

    @Test
    void aSplitIsASeededShuffleWithTheLastShareHeldOutAndNothingShared() {
        JudgeTraining.Split a = JudgeTraining.split(rows(1000), 0.2, 42);
        assertThat(a.train()).hasSize(800);
        assertThat(a.heldOut()).hasSize(200);
        assertThat(new HashSet<>(a.train())).doesNotContainAnyElementsOf(a.heldOut());
        assertThat(JudgeTraining.split(rows(1000), 0.2, 42)).isEqualTo(a);
        assertThat(JudgeTraining.split(rows(1000), 0.2, 43).heldOut()).isNotEqualTo(a.heldOut());
        assertThat(JudgeTraining.split(rows(10), 0, 42).heldOut()).isEmpty();
    }

    @Test
    void logisticRegressionSeparatesALinearlySeparableSetAndCrossValidatesIt() {
        // label 1 when x0 + x1 > 0.5; a constant 1 last (the bias)
        SplittableRandom random = new SplittableRandom(1);
        List<double[]> x = new ArrayList<>();
        int[] y = new int[200];
        for (int i = 0; i < y.length; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 2 - 1;
            x.add(new double[] {a, b, 1});
            y[i] = a + b > 0.5 ? 1 : 0;
        }
        JudgeTraining.Result r = JudgeTraining.train(x, y, 7);
        assertThat(r.lambda()).isEqualTo(0.3);
        assertThat(r.cvAccuracy()).isGreaterThan(0.9);
        assertThat(r.trainAccuracy()).isGreaterThan(0.95);
        assertThat(r.weights()[0]).isPositive();
        assertThat(r.weights()[2]).isNegative();
        assertThat(JudgeTraining.train(x, y, 7).weights()).containsExactly(r.weights());
    }

    @Test
    void cuesAreARefusalNearTheStartARefusalAnywhereAndTheScaledLogLength() {
        assertThat(JudgeFeatures.cues("I’m sorry, I can't help with that.")).containsExactly(1, 1, Math.log1p(34) / 8);
        String late = "x".repeat(300) + " As an AI, I cannot go on.";
        assertThat(JudgeFeatures.cues(late)[0]).isZero();
        assertThat(JudgeFeatures.cues(late)[1]).isOne();
        assertThat(JudgeFeatures.cues("Sure, first get a pick.")).startsWith(0, 0);
    }
}
