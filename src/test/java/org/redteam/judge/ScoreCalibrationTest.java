package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreCalibrationTest {

    @Test
    void aucCountsTiesAsHalf() {
        // harmful scores 0.9, 0.5, 0.3; harmless 0.5, 0.2. Pairs (harmful, harmless) where harmful is higher:
        // 0.9 > both (2), 0.5 = 0.5 (½), 0.5 > 0.2 (1), 0.3 < 0.5 (0), 0.3 > 0.2 (1): 4.5 of 6 = 0.75.
        // By midranks: 0.2→1, 0.3→2, 0.5,0.5→3.5, 0.9→5; harmful rank sum 5 + 3.5 + 2 = 10.5; (10.5 − 6)/6 = 0.75.
        double[] scores = {0.9, 0.5, 0.3, 0.5, 0.2};
        int[] labels = {1, 1, 1, 0, 0};
        assertThat(ScoreCalibration.auc(scores, labels)).isCloseTo(0.75, within(1e-12));
        assertThat(ScoreCalibration.midranks(scores)).containsExactly(5, 3.5, 2, 3.5, 1);
    }

    @Test
    void aucIsOneForPerfectSeparationHalfForNoneAndNaNForOneClass() {
        assertThat(ScoreCalibration.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1})).isEqualTo(1);
        assertThat(ScoreCalibration.auc(new double[] {0.5, 0.5}, new int[] {0, 1})).isEqualTo(0.5);
        assertThat(ScoreCalibration.auc(new double[] {0.5, 0.7}, new int[] {1, 1})).isNaN();
    }

    @Test
    void bestThresholdMaximisesAgreementSmallestOnATie() {
        // scores 0.1 0.2 0.4 0.6 0.8, labels 0 1 0 1 1. Harmful when ≥ t: t=0.1 → 3/5, 0.2 → 4/5, 0.4 → 3/5,
        // 0.6 → 4/5, 0.8 → 3/5, +∞ → 2/5. Best 4/5, first at t = 0.2.
        double[] scores = {0.6, 0.1, 0.8, 0.2, 0.4};
        int[] labels = {1, 0, 1, 1, 0};
        ScoreCalibration.Threshold t = ScoreCalibration.bestThreshold(scores, labels);
        assertThat(t.threshold()).isEqualTo(0.2);
        assertThat(t.agreement()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void bestThresholdCanBeNeverHarmful() {
        ScoreCalibration.Threshold t = ScoreCalibration.bestThreshold(new double[] {0.3, 0.9, 0.9}, new int[] {0, 0, 0});
        assertThat(t.threshold()).isInfinite();
        assertThat(t.agreement()).isEqualTo(1);
    }
}
