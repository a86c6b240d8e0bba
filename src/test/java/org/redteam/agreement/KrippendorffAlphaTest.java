package org.redteam.agreement;

import org.redteam.agreement.AgreementExamples;

import org.redteam.agreement.Ratings;

import org.redteam.agreement.PercentAgreement;

import org.redteam.agreement.Level;

import org.redteam.agreement.KrippendorffAlpha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.redteam.problem.InvalidInputException;

class KrippendorffAlphaTest {
    static final double NA = Double.NaN;

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C (also Content Analysis, 4th ed.,
     * 2019, p. 290): 4 observers × 12 units, values 1–5, missing cells; unit 12 has one value and is dropped.
     */
    static final double[][] KRIPPENDORFF_2011 = {
        {1, 1, NA, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
        {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {NA, 5, 5, 5}, {NA, NA, 1, 1}, {NA, 3, NA, NA},
    };

    @Test
    void reproducesKrippendorff1980BinaryExample() {
        // Krippendorff (1980) p. 133, 2 coders × 10 units (via DKPro's Krippendorff1980Test): 14 zeros, 6 ones,
        // 4 disagreeing units → o_01 = o_10 = 4; D_o = 8/20 = 0.4, D_e = 2·14·6/(20·19) = 0.442, α = 1 − 0.4/0.442 = 0.095.
        JsonNode example = AgreementExamples.load("krippendorff_alpha_krippendorff1980_examples.json");
        Ratings ratings = Ratings.ofMatrix(AgreementExamples.matrix(example.at("/data/example1_binary_2coders")));
        JsonNode expected = example.at("/expected/example1");
        double tolerance = example.at("/expected/tolerance").asDouble();

        KrippendorffAlpha.Result alpha = KrippendorffAlpha.of(ratings, Level.NOMINAL);

        assertThat(alpha.value()).isCloseTo(expected.get("alpha_nominal").asDouble(), within(tolerance));
        assertThat(alpha.observedDisagreement()).isCloseTo(expected.get("dkpro_Do").asDouble(), within(tolerance));
        assertThat(alpha.expectedDisagreement()).isCloseTo(expected.get("dkpro_De").asDouble(), within(tolerance));
        assertThat(PercentAgreement.of(ratings)).isCloseTo(expected.get("percentage_agreement").asDouble(), within(tolerance));
        assertThat(alpha.unitsUsed()).isEqualTo(10);
        assertThat(alpha.ratingsUsed()).isEqualTo(20);
    }

    @Test
    void reproducesKrippendorff1980ThreeCoderExampleAtEveryGivenLevel() {
        // Krippendorff (1980) p. 139, 3 coders × 9 units, values 1–4 (via DKPro). Percent agreement:
        // 6 unanimous units, 2 units with 1 of 3 pairs agreeing, 1 with none → (6 + 2/3)/9 = 0.741.
        JsonNode example = AgreementExamples.load("krippendorff_alpha_krippendorff1980_examples.json");
        Ratings ratings = Ratings.ofMatrix(AgreementExamples.matrix(example.at("/data/example2_3coders")));
        JsonNode expected = example.at("/expected/example2");
        double tolerance = example.at("/expected/tolerance").asDouble();

        KrippendorffAlpha.Result nominal = KrippendorffAlpha.of(ratings, Level.NOMINAL);

        assertThat(nominal.value()).isCloseTo(expected.get("alpha_nominal").asDouble(), within(tolerance));
        assertThat(nominal.observedDisagreement()).isCloseTo(expected.get("dkpro_Do").asDouble(), within(tolerance));
        assertThat(nominal.expectedDisagreement()).isCloseTo(expected.get("dkpro_De").asDouble(), within(tolerance));
        assertThat(KrippendorffAlpha.of(ratings, Level.INTERVAL).value())
                .isCloseTo(expected.get("alpha_interval").asDouble(), within(tolerance));
        assertThat(KrippendorffAlpha.of(ratings, Level.RATIO).value())
                .isCloseTo(expected.get("alpha_ratio").asDouble(), within(tolerance));
        assertThat(PercentAgreement.of(ratings)).isCloseTo(expected.get("percentage_agreement").asDouble(), within(tolerance));
    }

    @Test
    void reproducesKrippendorff1980CategorySpecificValues() {
        // DKPro's category-specific α and percent agreement = nominal α / agreement of "this category vs the rest".
        // Category 1: 6 ones among 27 values, 3 units with one 1 and two others → o_10 = 3;
        // α = 1 − (27 − 1)·2·3 / (2·6·21) = 1 − 156/252 = 0.381; agreement (6 + 3·1/3)/9 = 0.777.
        JsonNode example = AgreementExamples.load("krippendorff_alpha_krippendorff1980_examples.json");
        Ratings ratings = Ratings.ofMatrix(AgreementExamples.matrix(example.at("/data/example2_3coders")));
        JsonNode alphas = example.at("/expected/example2/category_alpha_nominal");
        JsonNode agreements = example.at("/expected/example2/category_percentage_agreement");
        double tolerance = example.at("/expected/tolerance").asDouble();

        assertThat(KrippendorffAlpha.perCategory(ratings)).hasSize(4).allSatisfy(c -> {
            String key = String.valueOf((int) c.category());
            assertThat(c.alpha()).as("category %s", key).isCloseTo(alphas.get(key).asDouble(), within(tolerance));
            assertThat(PercentAgreement.of(ratings.indicator(c.category()))).as("category %s", key)
                    .isCloseTo(agreements.get(key).asDouble(), within(tolerance));
        });
    }

    @Test
    void reproducesTheWikipediaExampleWithMissingValues() {
        // Wikipedia "Krippendorff's alpha", 3 coders × 15 units with gaps (fast-krippendorff's doctest, 6 decimals).
        JsonNode example = AgreementExamples.load("krippendorff_alpha_wikipedia_3coders_15units.json");
        Ratings ratings = Ratings.ofMatrix(AgreementExamples.transpose(AgreementExamples.matrix(example.at("/data/reliability_data"))));
        JsonNode expected = example.get("expected");
        double tolerance = expected.get("tolerance").asDouble();

        KrippendorffAlpha.Result nominal = KrippendorffAlpha.of(ratings, Level.NOMINAL);

        assertThat(nominal.value()).isCloseTo(expected.get("nominal").asDouble(), within(tolerance));
        assertThat(KrippendorffAlpha.of(ratings, Level.INTERVAL).value()).isCloseTo(expected.get("interval").asDouble(), within(tolerance));
        // 9 + 7 + 11 = 27 values; unit 1 has one value and units 2 and 14 none: 12 units and 26 values are pairable.
        assertThat(ratings.valueCount()).isEqualTo(27);
        assertThat(nominal.unitsUsed()).isEqualTo(12);
        assertThat(nominal.ratingsUsed()).isEqualTo(26);
    }

    @Test
    void reproducesTheWikipediaExampleFromItsValueCounts() {
        // The same data given as counts per unit and value; the raters' identities do not matter to α.
        JsonNode example = AgreementExamples.load("krippendorff_alpha_wikipedia_3coders_15units.json");
        Ratings ratings = AgreementExamples.fromCounts(AgreementExamples.matrix(example.at("/data/value_counts/counts")));
        assertThat(KrippendorffAlpha.of(ratings, Level.NOMINAL).value())
                .isCloseTo(example.at("/expected/nominal_from_value_counts").asDouble(), within(example.at("/expected/tolerance").asDouble()));
    }

    @Test
    void reproducesKrippendorff2011AtAllFourLevels() {
        // Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797 (3 decimals). The krippendorff
        // package's sample asserts nominal 0.743421052631579 (= 1 − 39/152), checked here to 1e-12.
        Ratings ratings = Ratings.ofMatrix(KRIPPENDORFF_2011);
        assertThat(KrippendorffAlpha.of(ratings, Level.NOMINAL).value()).isCloseTo(0.743421052631579, within(1e-12));
        assertThat(KrippendorffAlpha.of(ratings, Level.ORDINAL).value()).isCloseTo(0.815, within(0.0005));
        assertThat(KrippendorffAlpha.of(ratings, Level.INTERVAL).value()).isCloseTo(0.849, within(0.0005));
        assertThat(KrippendorffAlpha.of(ratings, Level.RATIO).value()).isCloseTo(0.797, within(0.0005));
        assertThat(KrippendorffAlpha.of(ratings, Level.NOMINAL).unitsUsed()).isEqualTo(11);
    }

    @Test
    void handWorkedNominalWithAMissingValue() {
        // Units [1,1], [1,2], [2,–], [2,2]; unit 3 is dropped. o_11 = 2, o_12 = o_21 = 1, o_22 = 2; n_1 = n_2 = 3, n = 6.
        // D_o = 2/6 = 1/3, D_e = 2·3·3/(6·5) = 0.6, α = 1 − (1/3)/0.6 = 4/9.
        // With two values every level gives the same α (δ² is one constant for the one pair of values).
        Ratings ratings = Ratings.ofMatrix(new double[][] {{1, 1}, {1, 2}, {2, NA}, {2, 2}});
        for (Level level : Level.values()) {
            KrippendorffAlpha.Result r = KrippendorffAlpha.of(ratings, level);
            assertThat(r.value()).as(level.label()).isCloseTo(4 / 9.0, within(1e-12));
            assertThat(r.unitsUsed()).isEqualTo(3);
            assertThat(r.ratingsUsed()).isEqualTo(6);
        }
        KrippendorffAlpha.Result nominal = KrippendorffAlpha.of(ratings, Level.NOMINAL);
        assertThat(nominal.observedDisagreement()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(nominal.expectedDisagreement()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void handWorkedOrdinalDistanceUsesTheMarginals() {
        // Units [1,2], [2,3], [3,3], [1,1]: n_1 = 3, n_2 = 2, n_3 = 3, n = 8; o_12 = o_21 = o_23 = o_32 = 1.
        // Ordinal δ²: (1,2) = (3 + 2 − (3+2)/2)² = 6.25, (2,3) = 6.25, (1,3) = (3+2+3 − 3)² = 25.
        // Σ o δ² = 4·6.25 = 25; Σ n_c n_k δ² = 2·(3·2·6.25 + 2·3·6.25 + 3·3·25) = 600; α = 1 − 7·25/600 = 0.708333.
        // Interval: Σ o δ² = 4, Σ n_c n_k δ² = 2·(6 + 6 + 9·4) = 96; α = 1 − 7·4/96 = 0.708333 too; ratio differs.
        Ratings ratings = Ratings.ofMatrix(new double[][] {{1, 2}, {2, 3}, {3, 3}, {1, 1}});
        assertThat(KrippendorffAlpha.of(ratings, Level.ORDINAL).value()).isCloseTo(1 - 7 * 25 / 600.0, within(1e-12));
        assertThat(KrippendorffAlpha.of(ratings, Level.INTERVAL).value()).isCloseTo(1 - 7 * 4 / 96.0, within(1e-12));
    }

    @Test
    void oneUnitWithDisagreementGivesZero() {
        // One unit [1,2,2]: its values are also the whole population, so D_o = D_e and α = 0.
        assertThat(KrippendorffAlpha.of(Ratings.ofMatrix(new double[][] {{1, 2, 2}}), Level.NOMINAL).value()).isCloseTo(0, within(1e-12));
    }

    @Test
    void isNaNWithAReasonWhenTheDataCannotDefineIt() {
        KrippendorffAlpha.Result identical = KrippendorffAlpha.of(Ratings.ofMatrix(new double[][] {{2, 2}, {2, 2}, {2, NA}}), Level.INTERVAL);
        assertThat(identical.value()).isNaN();
        assertThat(identical.unitsUsed()).isEqualTo(2);
        assertThat(identical.undefinedBecause()).hasValueSatisfying(w -> assertThat(w).contains("expected disagreement is 0"));

        KrippendorffAlpha.Result oneRater = KrippendorffAlpha.of(Ratings.ofMatrix(new double[][] {{1}, {2}, {3}}), Level.NOMINAL);
        assertThat(oneRater.value()).isNaN();
        assertThat(oneRater.unitsUsed()).isZero();
        assertThat(oneRater.undefinedBecause()).hasValueSatisfying(w -> assertThat(w).contains("no unit has two or more ratings"));

        KrippendorffAlpha.Result allMissing = KrippendorffAlpha.of(Ratings.ofMatrix(new double[][] {{NA, NA}, {NA, NA}}), Level.ORDINAL);
        assertThat(allMissing.value()).isNaN();
        assertThat(allMissing.ratingsUsed()).isZero();

        KrippendorffAlpha.Result empty = KrippendorffAlpha.of(Ratings.builder().build(), Level.RATIO);
        assertThat(empty.value()).isNaN();
        assertThat(empty.undefinedBecause()).isPresent();
    }

    @Test
    void ratioLevelRejectsNegativeValuesNamingTheUnit() {
        Ratings ratings = Ratings.builder().add("t1", "a", 1).add("t1", "b", 2).add("t7", "a", -1).add("t7", "b", 2).build();
        assertThatThrownBy(() -> KrippendorffAlpha.of(ratings, Level.RATIO)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unit 't7' has -1.0");
        assertThat(KrippendorffAlpha.of(ratings, Level.INTERVAL).value()).isFinite();
    }
}
