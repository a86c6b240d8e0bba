package org.redteam.agreement;

import org.redteam.agreement.Ratings;

import org.redteam.agreement.Measure;

import org.redteam.agreement.Level;

import org.redteam.agreement.KrippendorffAlpha;

import org.redteam.agreement.Bootstrap;

import org.redteam.agreement.AgreementSpec;

import org.redteam.agreement.Agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class AgreementBootstrapTest {
    static final ToDoubleFunction<Ratings> NOMINAL_ALPHA = r -> KrippendorffAlpha.of(r, Level.NOMINAL).value();

    /** 40 units × 3 raters on a 0–4 scale: mostly agreeing, some noise; fixed by its own seed. */
    static Ratings noisy() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] m = new double[40][3];
        for (double[] row : m) {
            int truth = random.nextInt(5);
            for (int r = 0; r < 3; r++) {
                row[r] = random.nextDouble() < 0.7 ? truth : random.nextInt(5);
            }
        }
        return Ratings.ofMatrix(m);
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        Ratings ratings = noisy();
        Bootstrap.Interval a = Bootstrap.percentile(ratings, NOMINAL_ALPHA, 500, 11);
        Bootstrap.Interval b = Bootstrap.percentile(ratings, NOMINAL_ALPHA, 500, 11);
        Bootstrap.Interval c = Bootstrap.percentile(ratings, NOMINAL_ALPHA, 500, 12);

        assertThat(b).isEqualTo(a);
        assertThat(c.lower()).isNotEqualTo(a.lower());
        assertThat(a.estimate()).isEqualTo(NOMINAL_ALPHA.applyAsDouble(ratings));
        assertThat(a.lower()).isLessThan(a.estimate());
        assertThat(a.upper()).isGreaterThan(a.estimate());
        assertThat(a.used()).isEqualTo(500);
        assertThat(a.undefined()).isZero();
    }

    @Test
    void resamplesUnitsWithReplacementKeepingTheirRatingsTogether() {
        // Recompute the first resample by hand: the same draws of unit indices give the same statistic.
        Ratings ratings = noisy();
        SplittableRandom random = new SplittableRandom(3);
        int[] draw = new int[ratings.unitCount()];
        for (int i = 0; i < draw.length; i++) {
            draw[i] = random.nextInt(draw.length);
        }
        double first = NOMINAL_ALPHA.applyAsDouble(ratings.select(draw));
        List<Double> seen = new ArrayList<>();
        Bootstrap.percentile(ratings, r -> {
            double v = NOMINAL_ALPHA.applyAsDouble(r);
            seen.add(v);
            return v;
        }, 1, 3);
        assertThat(seen).containsExactly(NOMINAL_ALPHA.applyAsDouble(ratings), first);
    }

    @Test
    void skipsAndCountsUndefinedResamples() {
        // Units [1,1], [2,2], [1,2]: a resample drawing only [1,1] (or only [2,2]) has one value, α undefined.
        // P(undefined) = 2·(1/3)³ = 2/27 ≈ 7%, so 2000 resamples see some.
        Ratings ratings = Ratings.ofMatrix(new double[][] {{1, 1}, {2, 2}, {1, 2}});
        Bootstrap.Interval i = Bootstrap.percentile(ratings, NOMINAL_ALPHA, Bootstrap.DEFAULT_RESAMPLES, 5);
        assertThat(i.undefined()).isBetween(80, 220);
        assertThat(i.used() + i.undefined()).isEqualTo(2000);
        assertThat(i.lower()).isFinite();
        assertThat(i.upper()).isFinite();
    }

    @Test
    void noUnitsOrNoResamplesGiveNoBounds() {
        Bootstrap.Interval empty = Bootstrap.percentile(Ratings.builder().build(), NOMINAL_ALPHA, 100, 1);
        assertThat(empty.estimate()).isNaN();
        assertThat(empty.lower()).isNaN();
        assertThat(empty.used()).isZero();

        Bootstrap.Interval none = Bootstrap.percentile(noisy(), NOMINAL_ALPHA, 0, 1);
        assertThat(none.estimate()).isFinite();
        assertThat(none.upper()).isNaN();

        Bootstrap.Interval allIdentical = Bootstrap.percentile(Ratings.ofMatrix(new double[][] {{4, 4}, {4, 4}}), NOMINAL_ALPHA, 50, 1);
        assertThat(allIdentical.used()).isZero();
        assertThat(allIdentical.undefined()).isEqualTo(50);
        assertThat(allIdentical.lower()).isNaN();
    }

    @Test
    void oneUnitGivesADegenerateInterval() {
        // Every resample is the one unit again.
        Bootstrap.Interval i = Bootstrap.percentile(Ratings.ofMatrix(new double[][] {{1, 2, 2}}), NOMINAL_ALPHA, 20, 1);
        assertThat(i.lower()).isEqualTo(i.estimate());
        assertThat(i.upper()).isEqualTo(i.estimate());
    }

    @Test
    void percentilesInterpolateLikeRsDefault() {
        // R: quantile(c(1, 2, 3, 4, 10), c(.025, .975)) = 1.1, 9.4; h = 4·.025 = 0.1 → 1 + .1·1; h = 3.9 → 4 + .9·6.
        double[] sorted = {1, 2, 3, 4, 10};
        assertThat(Bootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.quantile(sorted, 0.975)).isCloseTo(9.4, within(1e-12));
        assertThat(Bootstrap.quantile(new double[] {5}, 0.975)).isEqualTo(5);
        assertThat(Bootstrap.quantile(new double[0], 0.5)).isNaN();
    }

    @Test
    void agreementBinarizesBeforeComputingAndBootstrapping() {
        // 0–4 ratings binarized at 3: [4,3] → [1,1], [0,2] → [0,0], [4,1] → [1,0]; nominal α of that table
        // is α of units [1,1], [0,0], [1,0]: n_0 = n_1 = 3, o_01 = 1 each way; α = 1 − 5·2/(2·3·3) = 4/9.
        Ratings ratings = Ratings.ofMatrix(new double[][] {{4, 3}, {0, 2}, {4, 1}});
        AgreementSpec spec = AgreementSpec.of(Measure.KRIPPENDORFF, Optional.empty(), Optional.empty(), OptionalDouble.of(3));

        Agreement a = Agreement.of(ratings, spec, 200, 9);

        assertThat(a.coefficient().value()).isCloseTo(4 / 9.0, within(1e-12));
        assertThat(a.interval().estimate()).isEqualTo(a.coefficient().value());
        assertThat(a.interval()).isEqualTo(Agreement.of(ratings, spec, 200, 9).interval());
        assertThat(a.units()).isEqualTo(3);
        assertThat(a.ratings()).isEqualTo(6);
        assertThat(spec.describe()).isEqualTo("krippendorff alpha, nominal level, binarized at value >= 3");
    }
}
