package org.redteam.agreement;

import org.redteam.agreement.AgreementExamples;

import org.redteam.agreement.Weights;

import org.redteam.agreement.Ratings;

import org.redteam.agreement.PairTable;

import org.redteam.agreement.GwetAc;

import org.redteam.agreement.CohenKappa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.redteam.problem.InvalidInputException;

class CohenKappaTest {

    @Test
    void reproducesCohen1960FirstTable() {
        // Cohen (1960) p. 37, 100 units (via DKPro's Cohen1960Test): p_o = (25 + 2 + 2)/100 = 0.29;
        // rows 0.40/0.30/0.30, columns 0.50/0.30/0.20 → p_e = 0.20 + 0.09 + 0.06 = 0.35; κ = (0.29 − 0.35)/0.65 = −0.0923;
        // p_o,max = 0.40 + 0.30 + 0.20 = 0.90 → κ_max = (0.90 − 0.35)/0.65 = 0.846 (published 0.85 ± 0.01).
        JsonNode example = AgreementExamples.load("cohen_kappa_cohen1960_examples.json");
        PairTable table = PairTable.ofCounts(AgreementExamples.matrix(example.at("/data/example1_p37")));
        JsonNode expected = example.at("/expected/example1");
        double tolerance = expected.get("tolerance").asDouble();

        CohenKappa.Result r = CohenKappa.of(table, Weights.NONE);

        assertThat(r.observed()).isCloseTo(expected.get("observed").asDouble(), within(tolerance));
        assertThat(r.expected()).isCloseTo(expected.get("expected_chance").asDouble(), within(tolerance));
        assertThat(r.maximum()).isCloseTo(expected.get("kappa_max").asDouble(), within(tolerance));
        assertThat(r.value()).isCloseTo((0.29 - 0.35) / 0.65, within(1e-12));
        assertThat(r.unitsUsed()).isEqualTo(100);
    }

    @Test
    void reproducesCohen1960SecondTable() {
        // Cohen (1960) p. 45, 200 units: p_o = (88 + 40 + 12)/200 = 0.70; rows .60/.30/.10, columns .50/.30/.20 →
        // p_e = .30 + .09 + .02 = 0.41; κ = 0.29/0.59 = 0.492; p_o,max = .50 + .30 + .10 = .90 → κ_max = 0.49/0.59 = 0.831.
        JsonNode example = AgreementExamples.load("cohen_kappa_cohen1960_examples.json");
        PairTable table = PairTable.ofCounts(AgreementExamples.matrix(example.at("/data/example2_p45")));
        JsonNode expected = example.at("/expected/example2");
        double tolerance = expected.get("tolerance").asDouble();

        CohenKappa.Result r = CohenKappa.of(table, Weights.NONE);

        assertThat(r.value()).isCloseTo(expected.get("kappa").asDouble(), within(tolerance));
        assertThat(r.maximum()).isCloseTo(expected.get("kappa_max").asDouble(), within(tolerance));
        assertThat(r.observed()).isCloseTo(expected.get("observed").asDouble(), within(expected.get("tolerance_obs").asDouble()));
        assertThat(r.expected()).isCloseTo(expected.get("expected_chance").asDouble(), within(expected.get("tolerance_obs").asDouble()));
    }

    @Test
    void reproducesGwetAc1AndAc2OnCohensTables() {
        // Gwet (2008) AC1/AC2 on Cohen's tables, reference values from DKPro/irrCAC. Table 1: π = (.45, .30, .25),
        // Σ π(1 − π) = 0.645 → AC1 p_e = 0.645/2 = 0.3225, AC1 = (0.29 − 0.3225)/0.6775 = −0.04797.
        // Quadratic weights 1, 0.75, 0: p_a = 0.29 + 0.75·0.56 = 0.71, T_w = 6 → p_e = 6/6·0.645, AC2 = 0.065/0.355 = 0.1831.
        JsonNode example = AgreementExamples.load("cohen_kappa_cohen1960_examples.json");
        double tolerance = example.at("/expected/gwet_tolerance").asDouble();
        for (String name : new String[] {"example1", "example2"}) {
            String data = name.equals("example1") ? "/data/example1_p37" : "/data/example2_p45";
            PairTable table = PairTable.ofCounts(AgreementExamples.matrix(example.at(data)));
            JsonNode expected = example.at("/expected/" + name);

            GwetAc.Result ac1 = GwetAc.of(table, Weights.NONE);
            GwetAc.Result ac2 = GwetAc.of(table, Weights.QUADRATIC);

            assertThat(ac1.value()).as(name).isCloseTo(expected.get("gwet_ac1").asDouble(), within(tolerance));
            assertThat(ac1.expected()).as(name).isCloseTo(expected.get("gwet_ac1_pe").asDouble(), within(tolerance));
            assertThat(ac2.value()).as(name).isCloseTo(expected.get("gwet_ac2_quadratic").asDouble(), within(tolerance));
            assertThat(ac2.observed()).as(name).isCloseTo(expected.get("gwet_ac2_pa").asDouble(), within(tolerance));
            assertThat(ac2.expected()).as(name).isCloseTo(expected.get("gwet_ac2_pe").asDouble(), within(tolerance));
        }
    }

    @Test
    void weightedKappaOnCohensTablesMatchesTheDisagreementWeightForm() {
        // Cohen (1960) publishes no weighted κ for these tables. Cross-check against the other textbook form (the one
        // scikit-learn uses): κ_w = 1 − Σ v_ij O_ij / Σ v_ij E_ij with disagreement weights v = |i − j| or (i − j)²,
        // E_ij = row_i · col_j / n. Both tables: linear 0.022727 / 0.473684, quadratic 0.134328 / 0.454545.
        JsonNode example = AgreementExamples.load("cohen_kappa_cohen1960_examples.json");
        for (String data : new String[] {"/data/example1_p37", "/data/example2_p45"}) {
            double[][] o = AgreementExamples.matrix(example.at(data));
            for (Weights w : new Weights[] {Weights.LINEAR, Weights.QUADRATIC}) {
                assertThat(CohenKappa.of(PairTable.ofCounts(o), w).value()).as(data + " " + w.label())
                        .isCloseTo(disagreementForm(o, w == Weights.LINEAR ? 1 : 2), within(1e-12));
            }
        }
    }

    static double disagreementForm(double[][] o, int power) {
        int q = o.length;
        double n = 0;
        double[] rows = new double[q];
        double[] cols = new double[q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                n += o[i][j];
                rows[i] += o[i][j];
                cols[j] += o[i][j];
            }
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                double v = Math.pow(Math.abs(i - j), power);
                observed += v * o[i][j];
                expected += v * rows[i] * cols[j] / n;
            }
        }
        return 1 - observed / expected;
    }

    /** Rows = rater 1, columns = rater 2, categories 1, 2, 3; 10 units; both marginals (0.3, 0.3, 0.4). */
    static final double[][] HAND = {{2, 1, 0}, {0, 2, 1}, {1, 0, 3}};

    @Test
    void handWorkedUnweightedLinearAndQuadratic() {
        // Unweighted: p_o = 7/10, p_e = .09 + .09 + .16 = .34, κ = .36/.66 = 6/11.
        // Off-diagonal neighbours hold 2 units; Σ r_i c_j over neighbours = .09 + .09 + .12 + .12 = .42.
        // Linear (neighbour weight 1/2): p_o = .7 + .5·.2 = .8, p_e = .34 + .5·.42 = .55, κ = .25/.45 = 5/9.
        // Quadratic (neighbour weight 3/4): p_o = .7 + .75·.2 = .85, p_e = .34 + .75·.42 = .655, κ = .195/.345 = 13/23.
        PairTable table = PairTable.ofCounts(HAND);
        assertThat(CohenKappa.of(table, Weights.NONE).value()).isCloseTo(6 / 11.0, within(1e-12));
        assertThat(CohenKappa.of(table, Weights.NONE).maximum()).isCloseTo(1, within(1e-12));
        assertThat(CohenKappa.of(table, Weights.LINEAR).value()).isCloseTo(5 / 9.0, within(1e-12));
        assertThat(CohenKappa.of(table, Weights.LINEAR).maximum()).isNaN();
        assertThat(CohenKappa.of(table, Weights.QUADRATIC).value()).isCloseTo(13 / 23.0, within(1e-12));
    }

    @Test
    void ratingsGiveTheSameTableAndDropUnitsWithAMissingRating() {
        Ratings.Builder b = Ratings.builder();
        int unit = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < HAND[i][j]; k++) {
                    unit++;
                    b.add("t" + unit, "alice", i + 1).add("t" + unit, "bob", j + 1);
                }
            }
        }
        b.add("t99", "alice", 3).addMissing("t99", "bob");
        Ratings ratings = b.build();

        for (Weights w : Weights.values()) {
            CohenKappa.Result r = CohenKappa.of(ratings, w);
            assertThat(r.value()).as(w.label()).isCloseTo(CohenKappa.of(PairTable.ofCounts(HAND), w).value(), within(1e-12));
            assertThat(r.unitsUsed()).isEqualTo(10);
            assertThat(r.ratingsUsed()).isEqualTo(20);
        }
    }

    @Test
    void weightsUseTheValuesNotTheirPositions() {
        // Values 0, 1, 4 (4 = range): linear weight of (0, 1) = 1 − 1/4 = .75, of (1, 4) = 1 − 3/4 = .25.
        // Units (0,0), (0,1), (1,4), (4,4): p_o = (1 + .75 + .25 + 1)/4 = .75;
        // rows (.5, .25, .25), columns (.25, .25, .5); p_e = Σ w r_i c_j = .125 + .09375 + 0 + .046875 + .0625 + .03125
        // + 0 + .015625 + .125 = .5, κ = (.75 − .5)/.5 = 0.5.
        Ratings ratings = Ratings.ofMatrix(new double[][] {{0, 0}, {0, 1}, {1, 4}, {4, 4}});
        assertThat(CohenKappa.of(ratings, Weights.LINEAR).value()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void needsExactlyTwoRaters() {
        assertThatThrownBy(() -> CohenKappa.of(Ratings.ofMatrix(new double[][] {{1, 2, 3}}), Weights.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exactly two raters; the ratings have 3: r1, r2, r3");
        assertThatThrownBy(() -> CohenKappa.of(Ratings.ofMatrix(new double[][] {{1}}), Weights.NONE))
                .hasMessageContaining("the ratings have 1: r1");
        assertThatThrownBy(() -> CohenKappa.of(Ratings.builder().build(), Weights.NONE)).hasMessageContaining("the ratings have 0");
    }

    @Test
    void isNaNWithAReasonWhenTheDataCannotDefineIt() {
        CohenKappa.Result identical = CohenKappa.of(Ratings.ofMatrix(new double[][] {{2, 2}, {2, 2}}), Weights.QUADRATIC);
        assertThat(identical.value()).isNaN();
        assertThat(identical.undefinedBecause()).hasValueSatisfying(w -> assertThat(w).contains("chance agreement is 1"));

        CohenKappa.Result noOverlap = CohenKappa.of(Ratings.ofMatrix(new double[][] {{1, Double.NaN}, {Double.NaN, 2}}), Weights.NONE);
        assertThat(noOverlap.value()).isNaN();
        assertThat(noOverlap.unitsUsed()).isZero();
        assertThat(noOverlap.undefinedBecause()).hasValue("no unit is rated by both raters");

        // One unit, raters disagree: p_o = 0, rows (1, 0), columns (0, 1) → p_e = 0, κ = 0.
        assertThat(CohenKappa.of(Ratings.ofMatrix(new double[][] {{1, 2}}), Weights.NONE).value()).isCloseTo(0, within(1e-12));
    }
}
