package org.redteam.analysis;

import org.redteam.agreement.Bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.redteam.analysis.AttackFixtures.attacks;
import static org.redteam.analysis.AttackFixtures.row;
import static org.redteam.analysis.AttackFixtures.tagged;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The point estimates of the analysis against values worked by hand (no resampling: resamples = 0). */
class AttackStatisticsTest {
    static final AttackAnalysis.Settings NO_RESAMPLES = new AttackAnalysis.Settings(0, 1);

    @Test
    void histogramBinsFloatRatingsByTheirWholePart() {
        // 0.0 → 0; 0.5 → 0; 1.0 → 1; 2.99 → 2; 3.0 → 3; 3.5 → 3; 4.0 → 4. Non-integers: 0.5, 2.99, 3.5 = 3.
        Attacks a = attacks(row(1, 0.0, null), row(1, 0.5, null), row(1, 1.0, null), row(2, 2.99, null),
                row(2, 3.0, null), row(2, 3.5, null), row(2, 4.0, null));

        RatingHistogram h = RatingHistogram.of(a);

        assertThat(h.counts()).containsExactly(2L, 1L, 1L, 2L, 1L);
        assertThat(h.nonInteger()).isEqualTo(3);
        assertThat(h.total()).isEqualTo(7);
    }

    @Test
    void meansAndSuccessByTargetSortedByModelTypeThenSize() {
        // rlhf/52B: ratings 4, 0, 3 → mean 7/3 = 2.333…, success (≥ 3) 2/3; harmlessness −1, 1, (none) → mean 0, 2 scored.
        // rlhf/2.7B: ratings 1, 2.5 → mean 1.75, success 0/2 (2.5 is not ≥ 3); harmlessness 2, 3 → 2.5.
        // plain lm/13B: rating 4 → mean 4, success 1; harmlessness −3.
        Attacks a = attacks(row(1, "rlhf", "52B", 4, -1.0), row(2, "rlhf", "52B", 0, 1.0), row(2, "rlhf", "52B", 3, null),
                row(1, "rlhf", "2.7B", 1, 2.0), row(3, "rlhf", "2.7B", 2.5, 3.0), row(3, "plain lm", "13B", 4, -3.0));

        AnalysisResult r = AttackAnalysis.run(a, NO_RESAMPLES);

        assertThat(r.byTarget()).extracting(t -> t.target().toString()).containsExactly("plain lm/13B", "rlhf/2.7B", "rlhf/52B");
        AnalysisResult.TargetRow big = r.byTarget().get(2);
        assertThat(big.n()).isEqualTo(3);
        assertThat(big.scored()).isEqualTo(2);
        assertThat(big.meanRating().estimate()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(big.successRate().estimate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(big.meanMinHarmlessness().estimate()).isCloseTo(0, within(1e-12));
        AnalysisResult.TargetRow small = r.byTarget().get(1);
        assertThat(small.meanRating().estimate()).isEqualTo(1.75);
        assertThat(small.successRate().estimate()).isZero();
        assertThat(small.meanMinHarmlessness().estimate()).isEqualTo(2.5);
        // all six: ratings sum 14.5 → 2.41666…; successes 3/6; harmlessness −1 + 1 + 2 + 3 − 3 = 2 over 5 → 0.4
        assertThat(r.overall().meanRating().estimate()).isCloseTo(14.5 / 6, within(1e-12));
        assertThat(r.overall().successRate().estimate()).isEqualTo(0.5);
        assertThat(r.overall().meanMinHarmlessness().estimate()).isCloseTo(0.4, within(1e-12));
        assertThat(r.attempts()).isEqualTo(6);
        assertThat(r.members()).isEqualTo(3);
        assertThat(r.overall().meanRating().lower()).isNaN();
    }

    @Test
    void sizesSortAsNumbersThenLabelsThatAreNotNumbers() {
        List<String> sizes = List.of("52B", "large", "2.7B", "13B", "260K", "8B", "1.5T", "7b", "Small", "13b");

        List<String> sorted = sizes.stream().map(s -> new TargetLabel("rlhf", s)).sorted().map(TargetLabel::size).toList();

        assertThat(sorted).containsExactly("260K", "2.7B", "7b", "8B", "13B", "13b", "52B", "1.5T", "Small", "large");
        assertThat(new TargetLabel("a", "2.7B").parameters()).hasValue(2.7e9);
        assertThat(new TargetLabel("a", "260K").parameters()).hasValue(260e3);
        assertThat(new TargetLabel("a", "large").parameters()).isEmpty();
        assertThat(new TargetLabel("plain lm", "52B")).isLessThan(new TargetLabel("rlhf", "2.7B"));
    }

    @Test
    void tagsCountOncePerAttemptAndNullMeansUntagged() {
        Attacks a = attacks(tagged(1, "Theft", "Theft"), tagged(1, "Theft", "Other"), tagged(2, (String[]) null),
                tagged(2), tagged(3, "Other", "Weapons", "Other"));

        AnalysisResult r = AttackAnalysis.run(a, NO_RESAMPLES);

        assertThat(r.tags()).containsExactly(new AnalysisResult.TagCount("Other", 2), new AnalysisResult.TagCount("Theft", 2),
                new AnalysisResult.TagCount("Weapons", 1));
        assertThat(r.taggedAttempts()).isEqualTo(4); // the empty list counts as tagged, null does not
    }

    @Test
    void lorenzCurveTopShareAndGini() {
        // attempts per member 1, 1, 2, 6 (total 10): Lorenz (0,0) (¼,.1) (½,.2) (¾,.4) (1,1); top 1 = .6, top 2 = .8.
        // Gini = Σ (2i − n − 1)·x_i / (n·Σx) = (−3·1 − 1·1 + 1·2 + 3·6) / 40 = 16/40 = 0.4
        Concentration c = Concentration.of(List.of(new Concentration.Member(7, 6), new Concentration.Member(3, 1),
                new Concentration.Member(5, 2), new Concentration.Member(4, 1)));

        assertThat(c.lorenz()).extracting(Concentration.LorenzPoint::attemptShare)
                .containsExactly(0.0, 0.1, 0.2, 0.4, 1.0);
        assertThat(c.lorenz()).extracting(Concentration.LorenzPoint::memberShare)
                .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(c.members()).extracting(Concentration.Member::id).containsExactly(3L, 4L, 5L, 7L);
        assertThat(c.topShare(1)).isEqualTo(0.6);
        assertThat(c.topShare(2)).isCloseTo(0.8, within(1e-12));
        assertThat(c.topShare(50)).isEqualTo(1.0);
        assertThat(c.gini()).isCloseTo(0.4, within(1e-12));
        assertThat(c.membersForShare(0.8)).isEqualTo(2);
    }

    @Test
    void spearmanWithTiesIsPearsonOfMidRanks() {
        // x = 1, 2, 2, 3, 4 → ranks 1, 2.5, 2.5, 4, 5;  y = 2, 1, 3, 3, 5 → ranks 2, 1, 3.5, 3.5, 5; both means 3.
        // dx = −2, −.5, −.5, 1, 2; dy = −1, −2, .5, .5, 2
        // Σdx·dy = 2 + 1 − .25 + .5 + 4 = 7.25; Σdx² = 9.5; Σdy² = 9.5 → ρ = 7.25 / 9.5 = 0.763157…
        Spearman s = Spearman.of(new double[] {1, 2, 2, 3, 4}, new double[] {2, 1, 3, 3, 5}, new int[] {0, 0, 1, 1, 2});

        assertThat(s.rho()).isCloseTo(7.25 / 9.5, within(1e-12));
    }

    @Test
    void spearmanOfAWeightedMemberEqualsRepeatingItsPairs() {
        double[] x = {0, 4, 4, 1, 3, 0, 2};
        double[] y = {1.5, -2, -1, 0.5, -1, 2, 0};
        int[] member = {0, 0, 1, 1, 2, 2, 2};
        // weights: member 0 twice, member 1 never, member 2 once → the pairs of 0 twice and those of 2 once
        Spearman expanded = Spearman.of(new double[] {0, 4, 0, 4, 3, 0, 2}, new double[] {1.5, -2, 1.5, -2, -1, 2, 0},
                new int[] {0, 0, 0, 0, 0, 0, 0});

        double weighted = Spearman.of(x, y, member).rho(new int[] {2, 0, 1}, new double[Spearman.of(x, y, member).scratchSize()]);

        assertThat(weighted).isCloseTo(expanded.rho(), within(1e-12));
        assertThat(Spearman.of(new double[] {1, 1}, new double[] {1, 2}, new int[] {0, 0}).rho()).isNaN();
    }

    @Test
    void boxesUseType7QuartilesAndTukeyWhiskers() {
        // 1, 2, 3, 4, 100: q1 = 2, median = 3, q3 = 4; 1.5·IQR = 3, so whiskers reach 1 and 4 (100 is beyond 7).
        RatingBoxes.Box b = RatingBoxes.box(2, new double[] {100, 3, 1, 4, 2},
                new Bootstrap.Interval(22, Double.NaN, Double.NaN, 0, 0));

        assertThat(List.of(b.min(), b.q1(), b.median(), b.q3(), b.max())).containsExactly(1.0, 2.0, 3.0, 4.0, 100.0);
        assertThat(b.whiskerLow()).isEqualTo(1.0);
        assertThat(b.whiskerHigh()).isEqualTo(4.0);
        assertThat(b.n()).isEqualTo(5);
    }
}
