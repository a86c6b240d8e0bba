package org.redteam.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.redteam.analysis.KaplanMeier.Observation;

class KaplanMeierTest {
    static final double EXACT = 1e-12;

    static Observation broke(int turns) {
        return new Observation(turns, true);
    }

    static Observation censored(int turns) {
        return new Observation(turns, false);
    }

    /**
     * 8 attempts: broke at turns 1, 2, 2, 4; never broke in 2, 3, 5, 5 turns (censored).
     * t=1: n=8, d=1: S = 7/8 = 0.875; Greenwood Σ = 1/(8·7) = 1/56.
     * t=2: n=7, d=2, c=1 (the censored one is at risk): S = 0.875·5/7 = 0.625; Σ = 1/56 + 2/35 = 21/280 = 0.075;
     *      Var = 0.625²·0.075 = 0.029296875, se = 0.1711633, S ± 1.96·se = [0.2895, 0.9605].
     * t=3: n=4, c=1: S stays 0.625.
     * t=4: n=3, d=1: S = 0.625·2/3 = 0.41667 ≤ 0.5, so the median is 4; Σ = 0.075 + 1/6 = 0.241667.
     * t=5: n=2, c=2: S stays 0.41667.
     */
    @Test
    void handWorkedCurveWithCensoredAttempts() {
        KaplanMeier.Curve c = KaplanMeier.of(List.of(broke(1), broke(2), broke(2), broke(4),
                censored(2), censored(3), censored(5), censored(5)));

        assertThat(c.attempts()).isEqualTo(8);
        assertThat(c.broke()).isEqualTo(4);
        assertThat(c.steps()).extracting(KaplanMeier.Step::turn).containsExactly(1, 2, 3, 4, 5);
        assertThat(c.steps()).extracting(KaplanMeier.Step::atRisk).containsExactly(8, 7, 4, 3, 2);
        assertThat(c.steps()).extracting(KaplanMeier.Step::censored).containsExactly(0, 1, 1, 0, 2);
        assertThat(c.steps().get(0).survival()).isCloseTo(0.875, within(EXACT));
        KaplanMeier.Step two = c.steps().get(1);
        assertThat(two.survival()).isCloseTo(0.625, within(EXACT));
        double se = Math.sqrt(0.625 * 0.625 * 0.075);
        assertThat(two.lower()).isCloseTo(0.625 - KaplanMeier.Z95 * se, within(EXACT)).isCloseTo(0.2895, within(1e-4));
        assertThat(two.upper()).isCloseTo(0.9605, within(1e-4));
        assertThat(c.steps().get(2).survival()).isCloseTo(0.625, within(EXACT));
        KaplanMeier.Step four = c.steps().get(3);
        assertThat(four.survival()).isCloseTo(0.625 * 2 / 3, within(EXACT));
        double se4 = four.survival() * Math.sqrt(0.075 + 1.0 / 6);
        assertThat(four.lower()).isCloseTo(Math.max(0, four.survival() - KaplanMeier.Z95 * se4), within(EXACT));
        assertThat(c.median()).hasValue(4);
    }

    @Test
    void medianNotReachedWhenMostNeverBreak() {
        KaplanMeier.Curve c = KaplanMeier.of(List.of(broke(3), censored(4), censored(4)));
        assertThat(c.median()).isEmpty();
        assertThat(c.steps().get(0).survival()).isCloseTo(2.0 / 3, within(EXACT));
    }

    @Test
    void intervalUpperIsClippedAndUndefinedOnceEveryAttemptBroke() {
        KaplanMeier.Curve c = KaplanMeier.of(List.of(broke(1), broke(2)));
        assertThat(c.steps().get(0).upper()).isEqualTo(1);
        assertThat(c.steps().get(1).survival()).isZero();
        assertThat(c.steps().get(1).lower()).isNaN();
        assertThat(c.median()).hasValue(1);
    }
}
