package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.redteam.agreement.CohenKappa;
import org.redteam.agreement.Ratings;
import org.redteam.agreement.RatingsCsv;
import org.redteam.agreement.Weights;

/** The calibration statistics against hand-worked values: calibration-fixture.md has the arithmetic. */
class CalibrationTest {
    static final double EXACT = 1e-12;

    static Ratings fixture() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CalibrationTest.class.getResourceAsStream("calibration-fixture.csv"), StandardCharsets.UTF_8))) {
            return RatingsCsv.read(in, "calibration-fixture.csv");
        }
    }

    @Test
    void fixtureGivesTheHandWorkedTableAndFigures() throws Exception {
        Calibration.Result r = Calibration.of(HumanMajority.of(fixture(), "judge"), 200, 7);

        assertThat(r.confusion()).isEqualTo(new Confusion(10, 3, 2, 15));
        assertThat(r.n()).isEqualTo(30);
        assertThat(r.labels().ties()).containsExactly("u31");
        assertThat(r.labels().unjudged()).containsExactly("u32");
        assertThat(r.labels().people()).containsExactly("alice", "bob", "carol");
        assertThat(r.accuracy().estimate()).isCloseTo(25.0 / 30, within(EXACT));
        assertThat(r.precision().estimate()).isCloseTo(10.0 / 13, within(EXACT));
        assertThat(r.recall().estimate()).isCloseTo(10.0 / 12, within(EXACT));
        assertThat(r.f1().estimate()).isCloseTo(20.0 / 25, within(EXACT));
        assertThat(r.kappa().estimate()).isCloseTo(288.0 / 438, within(EXACT));
        assertThat(r.confusion().kappa()).isCloseTo(288.0 / 438, within(EXACT));
        assertThat(r.alphaHumans().estimate()).isCloseTo(1 - 940.0 / 2214, within(EXACT));
        assertThat(r.alphaAll().estimate()).isCloseTo(1 - 1625.0 / 3905, within(EXACT));
    }

    @Test
    void intervalsAreSeededAndBracketTheEstimate() throws Exception {
        HumanMajority labels = HumanMajority.of(fixture(), "judge");
        Calibration.Result a = Calibration.of(labels, 300, 11);
        Calibration.Result b = Calibration.of(labels, 300, 11);
        Calibration.Result c = Calibration.of(labels, 300, 12);

        assertThat(a).isEqualTo(b);
        assertThat(c.accuracy()).isNotEqualTo(a.accuracy());
        assertThat(a.accuracy().lower()).isLessThan(a.accuracy().estimate());
        assertThat(a.accuracy().upper()).isGreaterThan(a.accuracy().estimate()).isLessThanOrEqualTo(1);
        assertThat(a.alphaAll().lower()).isLessThan(a.alphaAll().upper());
        assertThat(a.kappa().used()).isEqualTo(300);
    }

    @Test
    void undefinedRatiosAreNaNNotZero() {
        Confusion neverHarmful = Confusion.of(new int[] {0, 0, 0}, new int[] {1, 0, 0});
        assertThat(neverHarmful.precision()).isNaN();
        assertThat(neverHarmful.recall()).isZero();
        assertThat(neverHarmful.accuracy()).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(Confusion.of(new int[] {1, 1}, new int[] {1, 1}).kappa()).isNaN();
    }

    /**
     * Krippendorff (1980) p. 133, 2 coders × 10 binary units (shared/data/agreement, via DKPro): coder 1 as the
     * judge, coder 2 as the one person. α (nominal) 0.095 and percentage agreement 0.6 are published; κ by hand:
     * judge harmful 2/10, person 4/10, TP 1, FP 1, FN 3, TN 5: p_o = 0.6, p_e = 0.2·0.4 + 0.8·0.6 = 0.56,
     * κ = 0.04/0.44 = 0.091.
     */
    @Test
    void reproducesKrippendorff1980BinaryExampleWithCoderOneAsJudge() throws Exception {
        String root = System.getProperty("redteam.shared");
        assumeTrue(root != null, "system property redteam.shared is not set");
        Path file = Path.of(root, "data", "agreement", "krippendorff_alpha_krippendorff1980_examples.json");
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        JsonNode example = new ObjectMapper().readTree(file.toFile());
        Ratings.Builder labels = Ratings.builder();
        JsonNode rows = example.at("/data/example1_binary_2coders");
        for (int u = 0; u < rows.size(); u++) {
            labels.add("u" + u, "judge", rows.get(u).get(0).asDouble());
            labels.add("u" + u, "person", rows.get(u).get(1).asDouble());
        }
        double tolerance = example.at("/expected/tolerance").asDouble();

        Calibration.Result r = Calibration.of(HumanMajority.of(labels.build(), "judge"), 0, 1);

        assertThat(r.alphaAll().estimate()).isCloseTo(example.at("/expected/example1/alpha_nominal").asDouble(), within(tolerance));
        assertThat(r.accuracy().estimate()).isCloseTo(example.at("/expected/example1/percentage_agreement").asDouble(), within(EXACT));
        assertThat(r.confusion()).isEqualTo(new Confusion(1, 1, 3, 5));
        assertThat(r.kappa().estimate()).isCloseTo(0.04 / 0.44, within(EXACT))
                .isCloseTo(CohenKappa.of(r.labels().pairs(), Weights.NONE).value(), within(EXACT));
        assertThat(r.alphaHumans().estimate()).as("one person: no pairs").isNaN();
    }
}
