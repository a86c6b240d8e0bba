package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JudgeMetricsTest {

    @Test
    void countsAndRatiosByHand() {
        // labels    1 1 1 0 0 0 0 0; decisions 1 1 0 1 0 0 0 0: TP 2, FN 1, FP 1, TN 4
        // accuracy 6/8 = 0.75; precision 2/3; recall 2/3; F1 = 2/3
        JudgeMetrics m = JudgeMetrics.of(new int[] {1, 1, 1, 0, 0, 0, 0, 0}, new int[] {1, 1, 0, 1, 0, 0, 0, 0}, null);
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.f1()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.auc()).isEmpty();
    }

    @Test
    void aucIsTheShareOfHarmfulHarmlessPairsOrderedRightWithTiesHalf() {
        // harmful scores 0.9, 0.4; harmless 0.4, 0.1: pairs (0.9>0.4) 1, (0.9>0.1) 1, (0.4=0.4) ½, (0.4>0.1) 1 → 3.5/4
        JudgeMetrics m = JudgeMetrics.of(new int[] {1, 1, 0, 0}, new int[] {1, 0, 0, 0}, new double[] {0.9, 0.4, 0.4, 0.1});
        assertThat(m.auc().getAsDouble()).isEqualTo(0.875);
    }

    @Test
    void wilsonIntervalByHand() {
        // k = 8, n = 10, z = 1.96: centre (0.8 + 0.19208) / 1.38415 = 0.71674; half 1.96·√(0.016 + 0.0096040)/1.38415 = 0.22657
        double[] ci = JudgeMetrics.wilson(8, 10);
        assertThat(ci[0]).isCloseTo(0.4902, within(1e-3));
        assertThat(ci[1]).isCloseTo(0.9433, within(1e-3));
        assertThat(JudgeMetrics.wilson(0, 0)).containsExactly(0, 1);
    }
}
