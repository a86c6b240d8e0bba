package org.redteam.analysis;

import org.redteam.agreement.Bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.redteam.analysis.AttackFixtures.attacks;
import static org.redteam.analysis.AttackFixtures.row;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cluster bootstrap over red team members. */
class MemberBootstrapTest {

    /** 12 members with 1–12 attempts each, ratings and scores fixed by their own seed. */
    static Attacks varied() {
        SplittableRandom random = new SplittableRandom(5);
        List<AttackFixtures.Row> rows = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            double skill = random.nextDouble();
            for (int k = 0; k <= m; k++) {
                double rating = Math.min(4, Math.floor(skill * 5 + random.nextDouble()));
                rows.add(row(m, m % 2 == 0 ? "rlhf" : "plain lm", k % 2 == 0 ? "52B" : "13B", rating,
                        -rating + random.nextGaussian()));
            }
        }
        return attacks(rows);
    }

    @Test
    void sameSeedSameIntervalsOtherSeedOtherIntervals() {
        Attacks a = varied();

        AnalysisResult first = AttackAnalysis.run(a, new AttackAnalysis.Settings(400, 11));
        AnalysisResult again = AttackAnalysis.run(a, new AttackAnalysis.Settings(400, 11));
        AnalysisResult other = AttackAnalysis.run(a, new AttackAnalysis.Settings(400, 12));

        assertThat(again.byTarget()).isEqualTo(first.byTarget());
        assertThat(again.ratingVsHarmlessness()).isEqualTo(first.ratingVsHarmlessness());
        assertThat(other.overall().meanRating().lower()).isNotEqualTo(first.overall().meanRating().lower());
        assertThat(other.ratingVsHarmlessness().spearman().upper()).isNotEqualTo(first.ratingVsHarmlessness().spearman().upper());
        Bootstrap.Interval mean = first.overall().meanRating();
        assertThat(mean.lower()).isLessThan(mean.estimate());
        assertThat(mean.upper()).isGreaterThan(mean.estimate());
        assertThat(mean.used()).isEqualTo(400);
    }

    @Test
    void resamplesMembersAndKeepsAllTheirAttempts() {
        // Two members, ten attempts each: one always rates 4, the other always 0. Resampling members gives the
        // samples {A, A}, {A, B}, {B, A}, {B, B} (probabilities ¼, ½, ¼) → means 4, 2, 2, 0, so the 95% interval
        // is [0, 4]. Resampling the 20 attempts instead would put it near 2 ± 0.9 (binomial with n = 20).
        List<AttackFixtures.Row> rows = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            rows.add(row(1, 4, 1.0));
            rows.add(row(2, 0, 2.0));
        }

        AnalysisResult r = AttackAnalysis.run(attacks(rows), new AttackAnalysis.Settings(1000, 3));

        Bootstrap.Interval mean = r.overall().meanRating();
        assertThat(mean.estimate()).isEqualTo(2.0);
        assertThat(mean.lower()).isEqualTo(0.0);
        assertThat(mean.upper()).isEqualTo(4.0);
        assertThat(r.overall().successRate().lower()).isEqualTo(0.0);
        assertThat(r.overall().successRate().upper()).isEqualTo(1.0);
    }

    @Test
    void eachResampleIsTheDataOfTheDrawnMembers() {
        // Redo one resample by hand: the same draws, then the plain mean over the expanded attempts.
        Attacks a = varied();
        ClusteredMeans means = ClusteredMeans.of(a.memberCount(), 1, a.memberColumn(), null, a.ratingColumn());
        int[] weights = new int[a.memberCount()];
        MemberBootstrap.draw(new SplittableRandom(9), weights);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += weights[a.member(i)] * a.rating(i);
            n += weights[a.member(i)];
        }
        double[] out = new double[1];

        means.means(weights, out, 0, new double[2]);

        assertThat(out[0]).isCloseTo(sum / n, within(1e-12));
        assertThat(java.util.Arrays.stream(weights).sum()).isEqualTo(a.memberCount());
    }

    @Test
    void aTargetMissingFromAResampleSkipsThatResampleAndCountsIt() {
        // Member 2 alone attacked plain lm/13B; it is left out of about (1 − 1/3)^3 ≈ 30% of the resamples.
        Attacks a = attacks(row(1, 2, 0.0), row(1, 3, 0.5), row(3, 1, 0.2), row(2, "plain lm", "13B", 4, -1.0));

        AnalysisResult r = AttackAnalysis.run(a, new AttackAnalysis.Settings(500, 4));

        Bootstrap.Interval lonely = r.byTarget().get(0).meanRating();
        assertThat(r.byTarget().get(0).target().modelType()).isEqualTo("plain lm");
        assertThat(lonely.used()).isBetween(300, 400);
        assertThat(lonely.lower()).isEqualTo(4.0);
        assertThat(r.byTarget().get(1).meanRating().used()).isBetween(450, 500);
    }
}
