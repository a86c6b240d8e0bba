package org.redteam.agreement;

import org.redteam.agreement.AgreementExamples;

import org.redteam.agreement.Ratings;

import org.redteam.agreement.PercentAgreement;

import org.redteam.agreement.FleissKappa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.redteam.problem.InvalidInputException;

class FleissKappaTest {

    @Test
    void reproducesTheWikipediaExampleOf10SubjectsBy14Raters() {
        // Wikipedia "Fleiss' kappa" (via statsmodels test_inter_rater.py): P̄ = 3.780/10 = 0.378,
        // P_e = Σ p_j² = 0.143² + 0.200² + 0.279² + 0.150² + 0.229² = 0.213, κ = (0.378 − 0.213)/(1 − 0.213) = 0.210.
        JsonNode example = AgreementExamples.load("fleiss_kappa_wikipedia_10subjects_14raters_5cats.json");
        double[][] counts = AgreementExamples.matrix(example.at("/data/counts"));
        JsonNode expected = example.get("expected");

        FleissKappa.Result fromCounts = FleissKappa.ofCounts(counts);
        FleissKappa.Result fromRatings = FleissKappa.of(AgreementExamples.fromCounts(counts));

        for (FleissKappa.Result r : new FleissKappa.Result[] {fromCounts, fromRatings}) {
            assertThat(r.value()).isCloseTo(expected.get("kappa").asDouble(), within(expected.get("kappa_tolerance").asDouble()));
            assertThat(r.observed()).isCloseTo(0.378022, within(5e-7));
            assertThat(r.expected()).isCloseTo(0.212755, within(5e-7));
            assertThat(r.ratingsPerUnit()).isEqualTo(14);
            assertThat(r.unitsUsed()).isEqualTo(10);
            assertThat(r.ratingsUsed()).isEqualTo(140);
        }
        JsonNode pj = example.at("/computed_here_for_cross_check/p_j");
        for (int j = 0; j < 5; j++) {
            assertThat(fromCounts.categories().get(j).proportion()).isCloseTo(pj.get(j).asDouble(), within(5e-7));
        }
        // P_i of one subject is the percent agreement of that subject alone: subject 2 = (0+4+36+16+4 − 14)/(14·13) = 0.253.
        Ratings ratings = AgreementExamples.fromCounts(counts);
        JsonNode pi = expected.get("P_i_per_subject");
        for (int i = 0; i < 10; i++) {
            assertThat(PercentAgreement.of(ratings.select(new int[] {i})))
                    .isCloseTo(pi.get(i).asDouble(), within(expected.get("P_i_tolerance").asDouble()));
        }
    }

    @Test
    void categoryKappasAverageBackToKappaWeightedByPQ() {
        // Fleiss (1971): κ = Σ_j p_j q_j κ_j / Σ_j p_j q_j, checked on the Wikipedia table.
        JsonNode example = AgreementExamples.load("fleiss_kappa_wikipedia_10subjects_14raters_5cats.json");
        FleissKappa.Result r = FleissKappa.ofCounts(AgreementExamples.matrix(example.at("/data/counts")));
        double weighted = 0;
        double weights = 0;
        for (FleissKappa.CategoryKappa k : r.categories()) {
            double pq = k.proportion() * (1 - k.proportion());
            weighted += pq * k.kappa();
            weights += pq;
        }
        assertThat(weighted / weights).isCloseTo(r.value(), within(1e-12));
    }

    @Test
    void reproducesTheStatsmodelsFleissAndRandolphTables() {
        // Justus Randolph's Online Kappa Calculator numbers as recorded in statsmodels' test_fleis_randolph.
        // Case 3 by hand: P_1 = (49+1−8)/56 = 0.75, P_2 = (9+25−8)/56 = 0.464, P̄ = 0.607143;
        // p = (10/16, 6/16), P_e = 0.53125, κ = (0.607143 − 0.53125)/0.46875 = 0.161905; Randolph (0.607143 − 0.5)/0.5 = 0.214286.
        JsonNode example = AgreementExamples.load("fleiss_and_randolph_kappa_small_tables_statsmodels.json");
        double[] overall = {1.0, 0.996671, 0.607143, 1.0, 0.857143};
        JsonNode cases = example.at("/data/cases");
        assertThat(cases).hasSize(5);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            JsonNode expected = c.get("expected");
            double tolerance = expected.get("tolerance").asDouble();
            FleissKappa.Result r = FleissKappa.ofCounts(AgreementExamples.matrix(c.get("counts")));
            assertThat(r.freeMarginal()).as("case %d, Randolph", i + 1)
                    .isCloseTo(expected.get("randolph_free_marginal_kappa").asDouble(), within(tolerance));
            assertThat(r.observed()).as("case %d, overall agreement", i + 1).isCloseTo(overall[i], within(6e-7));
            if (expected.get("fleiss_kappa_fixed_marginal").isNull()) {
                // Case 1: one category only, P_e = 1: the source records no Fleiss κ; we say NaN and why.
                assertThat(r.value()).as("case %d, Fleiss", i + 1).isNaN();
                assertThat(r.undefinedBecause()).hasValueSatisfying(why -> assertThat(why).contains("same category"));
            } else {
                assertThat(r.value()).as("case %d, Fleiss", i + 1)
                        .isCloseTo(expected.get("fleiss_kappa_fixed_marginal").asDouble(), within(tolerance));
            }
        }
    }

    @Test
    void handWorkedTwoCategoryTable() {
        // Units [1,1,1], [1,1,2], [2,2,2]; n = 3: P_i = 1, (4+1−3)/6 = 1/3, 1 → P̄ = 7/9;
        // p = (5/9, 4/9), P_e = 41/81, κ = (63/81 − 41/81)/(40/81) = 22/40 = 0.55; Randolph (7/9 − 1/2)/(1/2) = 5/9.
        // With two categories both κ_j equal κ: κ_1 = 1 − (0 + 2·1 + 0)/(3·3·2·(5/9)(4/9)) = 1 − 18/40 = 0.55.
        FleissKappa.Result r = FleissKappa.of(Ratings.ofMatrix(new double[][] {{1, 1, 1}, {1, 1, 2}, {2, 2, 2}}));
        assertThat(r.value()).isCloseTo(0.55, within(1e-12));
        assertThat(r.observed()).isCloseTo(7 / 9.0, within(1e-12));
        assertThat(r.expected()).isCloseTo(41 / 81.0, within(1e-12));
        assertThat(r.freeMarginal()).isCloseTo(5 / 9.0, within(1e-12));
        assertThat(r.categories()).extracting(FleissKappa.CategoryKappa::kappa).allSatisfy(k -> assertThat(k).isCloseTo(0.55, within(1e-12)));
        assertThat(r.undefinedBecause()).isEmpty();
    }

    @Test
    void handWorkedCategoryKappasWithThreeCategories() {
        // Units [1,1,2], [2,3,3]; n = 3, N = 2: P_1 = P_2 = 1/3 = P̄; p = (1/3, 1/3, 1/3), P_e = 1/3 → κ = 0.
        // κ_j = 1 − Σ_i n_ij(3 − n_ij) / (2·3·2·(1/3)(2/3) = 8/3): κ_1 = 1 − 2/(8/3) = 0.25, κ_2 = 1 − 4/(8/3) = −0.5, κ_3 = 0.25.
        FleissKappa.Result r = FleissKappa.of(Ratings.ofMatrix(new double[][] {{1, 1, 2}, {2, 3, 3}}));
        assertThat(r.value()).isCloseTo(0, within(1e-12));
        assertThat(r.categories()).extracting(FleissKappa.CategoryKappa::category).containsExactly(1.0, 2.0, 3.0);
        assertThat(r.categories()).extracting(FleissKappa.CategoryKappa::kappa)
                .satisfiesExactly(k -> assertThat(k).isCloseTo(0.25, within(1e-12)), k -> assertThat(k).isCloseTo(-0.5, within(1e-12)),
                        k -> assertThat(k).isCloseTo(0.25, within(1e-12)));
    }

    @Test
    void oneUnitIsDefinedWhenItsRatersDisagree() {
        // [1,1,2]: P̄ = 1/3, p = (2/3, 1/3), P_e = 5/9, κ = (3/9 − 5/9)/(4/9) = −0.5.
        assertThat(FleissKappa.of(Ratings.ofMatrix(new double[][] {{1, 1, 2}})).value()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void isNaNWithAReasonWhenTheDataCannotDefineIt() {
        FleissKappa.Result identical = FleissKappa.of(Ratings.ofMatrix(new double[][] {{3, 3}, {3, 3}, {3, 3}}));
        assertThat(identical.value()).isNaN();
        assertThat(identical.undefinedBecause()).hasValueSatisfying(w -> assertThat(w).contains("same category"));

        FleissKappa.Result oneRater = FleissKappa.of(Ratings.ofMatrix(new double[][] {{1}, {2}, {3}}));
        assertThat(oneRater.value()).isNaN();
        assertThat(oneRater.undefinedBecause()).hasValueSatisfying(w -> assertThat(w).contains("fewer than two ratings"));

        FleissKappa.Result empty = FleissKappa.of(Ratings.builder().build());
        assertThat(empty.value()).isNaN();
        assertThat(empty.unitsUsed()).isZero();
        assertThat(empty.undefinedBecause()).hasValue("no unit has a rating");

        FleissKappa.Result allMissing = FleissKappa.of(Ratings.builder().addMissing("a", "x").addMissing("b", "y").build());
        assertThat(allMissing.value()).isNaN();
        assertThat(allMissing.undefinedBecause()).hasValue("no unit has a rating");
    }

    @Test
    void rejectsUnitsWithDifferentNumbersOfRatingsNamingTheUnit() {
        Ratings ratings = Ratings.builder().add("t1", "a", 1).add("t1", "b", 1).add("t1", "c", 2)
                .add("t2", "a", 1).add("t2", "b", 2).addMissing("t2", "c")
                .addMissing("t3", "a").build();

        assertThatThrownBy(() -> FleissKappa.of(ratings)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unit 't2' has 2, unit 't1' has 3")
                .hasMessageContaining("Krippendorff");
        assertThatThrownBy(() -> FleissKappa.ofCounts(new double[][] {{1, 2}, {2, 2}}))
                .hasMessageContaining("counts row 2 sums to 4.0, row 1 to 3.0");
    }

    @Test
    void ignoresUnitsWithoutAnyRating() {
        Ratings withEmptyUnit = Ratings.builder().add("t1", "a", 1).add("t1", "b", 1).add("t2", "a", 1).add("t2", "b", 2)
                .addMissing("t3", "a").addMissing("t3", "b").build();
        FleissKappa.Result r = FleissKappa.of(withEmptyUnit);
        assertThat(r.unitsUsed()).isEqualTo(2);
        assertThat(r.value()).isEqualTo(FleissKappa.of(Ratings.ofMatrix(new double[][] {{1, 1}, {1, 2}})).value());
    }
}
