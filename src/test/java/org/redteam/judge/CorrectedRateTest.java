package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.redteam.agreement.Bootstrap;

class CorrectedRateTest {
    static final double EXACT = 1e-12;

    @Test
    void roganGladenByHandClippedAndUndefinedForAChanceJudge() {
        // (0.4 + 0.9 − 1) / (0.8 + 0.9 − 1) = 0.3 / 0.7
        assertThat(CorrectedRate.roganGladen(0.4, 0.8, 0.9)).isCloseTo(0.3 / 0.7, within(EXACT));
        // (0.05 + 0.9 − 1) / 0.7 < 0 → 0
        assertThat(CorrectedRate.roganGladen(0.05, 0.8, 0.9)).isZero();
        assertThat(CorrectedRate.roganGladen(0.99, 0.8, 0.99)).isEqualTo(1);
        assertThat(CorrectedRate.roganGladen(0.4, 0.5, 0.5)).isNaN();
        assertThat(CorrectedRate.roganGladen(0.4, 1, 1)).isCloseTo(0.4, within(EXACT));
    }

    @Test
    void intervalFromTheFixturesCalibrationBracketsTheCorrectedRate() {
        // the fixture's judge: se = 10/12, sp = 15/18; 40 of 100 judged harmful:
        // (0.4 + 5/6 − 1) / (5/6 + 5/6 − 1) = (7/30) / (2/3) = 0.35
        Confusion fixture = new Confusion(10, 3, 2, 15);

        Bootstrap.Interval i = CorrectedRate.of(40, 100, fixture, 1000, 3);

        assertThat(i.estimate()).isCloseTo(0.35, within(EXACT));
        assertThat(i.lower()).isLessThan(0.35).isGreaterThanOrEqualTo(0);
        assertThat(i.upper()).isGreaterThan(0.35).isLessThanOrEqualTo(1);
        assertThat(i.used()).isPositive();
        assertThat(CorrectedRate.of(40, 100, fixture, 1000, 3)).isEqualTo(i);
    }

    @Test
    void noIntervalWithoutBothClassesInTheCalibration() {
        Bootstrap.Interval i = CorrectedRate.of(4, 10, new Confusion(3, 0, 1, 0), 100, 1);
        assertThat(i.lower()).isNaN();
        assertThat(i.used()).isZero();
    }
}
