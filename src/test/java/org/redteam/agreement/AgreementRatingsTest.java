package org.redteam.agreement;

import org.redteam.agreement.Weights;

import org.redteam.agreement.RatingsCsv;

import org.redteam.agreement.Ratings;

import org.redteam.agreement.ModalUnits;

import org.redteam.agreement.Measure;

import org.redteam.agreement.Level;

import org.redteam.agreement.FleissKappa;

import org.redteam.agreement.AgreementSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.redteam.problem.InvalidInputException;

/** The ratings table, its CSV form and the checks on a spec. */
class AgreementRatingsTest {

    static Ratings csv(String text) throws IOException {
        return RatingsCsv.read(new BufferedReader(new StringReader(text)), "ratings.csv");
    }

    @Test
    void keepsUnitsAndRatersInOrderOfFirstAppearanceWithGaps() throws IOException {
        Ratings r = csv("""
                unit,rater,value
                t2,bob,3
                t1,alice,4
                t1,bob,
                "t,3",carol,0.5

                t2,alice,1e0
                """);
        assertThat(r.units()).containsExactly("t2", "t1", "t,3");
        assertThat(r.raters()).containsExactly("bob", "alice", "carol");
        assertThat(r.value(0, 0)).isEqualTo(3);
        assertThat(r.value(0, 1)).isEqualTo(1);
        assertThat(r.value(1, 0)).isNaN();
        assertThat(r.value(2, 2)).isEqualTo(0.5);
        assertThat(r.valueCount()).isEqualTo(4);
        assertThat(r.categories()).containsExactly(0.5, 1, 3, 4);
    }

    @Test
    void csvErrorsNameTheLine() {
        assertThatThrownBy(() -> csv("unit,coder,value\nt1,a,1\n")).isInstanceOf(InvalidInputException.class)
                .hasMessage("ratings.csv:1: the header must be unit,rater,value, found 'unit,coder,value'");
        assertThatThrownBy(() -> csv("unit,rater,value\nt1,a,1\nt1,b,high\n"))
                .hasMessageStartingWith("ratings.csv:3: value 'high' is not a number");
        assertThatThrownBy(() -> csv("unit,rater,value\nt1,a,1\nt2,a,2\nt1,a,3\n"))
                .hasMessage("ratings.csv:4: unit 't1' is rated twice by rater 'a' (first on line 2)");
        assertThatThrownBy(() -> csv("unit,rater,value\nt1,a\n")).hasMessageStartingWith("ratings.csv:2: expected 3 fields");
        assertThatThrownBy(() -> csv("unit,rater,value\nt1,,2\n")).hasMessage("ratings.csv:2: the rater is empty");
        assertThatThrownBy(() -> csv("unit,rater,value\nt1,a,NaN\n")).hasMessageStartingWith("ratings.csv:2: value 'NaN' is not a finite");
        assertThatThrownBy(() -> csv("unit,rater,value\n\"t1,a,2\n")).hasMessageStartingWith("ratings.csv:2: a quoted field");
        assertThatThrownBy(() -> csv("unit,rater,value\n")).hasMessage("ratings.csv: no ratings after the header");
        assertThatThrownBy(() -> csv("")).hasMessageStartingWith("ratings.csv: empty file");
    }

    @Test
    void builderRejectsASecondRatingOfTheSamePair() {
        Ratings.Builder b = Ratings.builder().add("t1", "a", 1);
        assertThatThrownBy(() -> b.addMissing("t1", "a")).hasMessage("unit 't1' is rated twice by rater 'a'");
        assertThatThrownBy(() -> b.add("t2", "a", Double.POSITIVE_INFINITY)).hasMessageContaining("not a finite number");
    }

    @Test
    void binarizesAtAThresholdAndKeepsMissing() {
        Ratings r = Ratings.ofMatrix(new double[][] {{0, 3, Double.NaN}, {4, 2.9, 3}});
        Ratings b = r.binarize(3);
        assertThat(b.valuesOf(0)).containsExactly(0, 1);
        assertThat(b.value(0, 2)).isNaN();
        assertThat(b.valuesOf(1)).containsExactly(1, 0, 1);
        assertThat(r.indicator(3).valuesOf(1)).containsExactly(0, 0, 1);
    }

    @Test
    void specRejectsOptionsThatDoNotApplyToTheMeasure() {
        assertThatThrownBy(() -> AgreementSpec.of(Measure.FLEISS, Optional.of(Level.ORDINAL), Optional.empty(), OptionalDouble.empty()))
                .hasMessage("--level ordinal applies to krippendorff only (fleiss is nominal)");
        assertThatThrownBy(() -> AgreementSpec.of(Measure.KRIPPENDORFF, Optional.empty(), Optional.of(Weights.LINEAR), OptionalDouble.empty()))
                .hasMessage("--weights applies to cohen only");
        assertThat(AgreementSpec.of(Measure.FLEISS, Optional.of(Level.NOMINAL), Optional.empty(), OptionalDouble.empty()).describe())
                .isEqualTo("fleiss kappa (nominal)");
        assertThatThrownBy(() -> Measure.parse("scott")).hasMessage("unknown measure 'scott' (known: fleiss, krippendorff, cohen)");
        assertThatThrownBy(() -> Level.parse("rank")).hasMessageContaining("known: nominal, ordinal, interval, ratio");
        assertThat(Weights.parse("Quadratic")).isEqualTo(Weights.QUADRATIC);
    }

    @Test
    void modalUnitsKeepTheMostCommonNumberOfValuesTiesGoingToTheLarger() {
        double na = Double.NaN;
        // Values per unit: 3, 2, 3, 2, 0, 1 → counts {0: 1, 1: 1, 2: 2, 3: 2}; 2 and 3 tie, 3 wins.
        Ratings r = Ratings.ofMatrix(new double[][] {
            {1, 1, 2}, {1, na, 2}, {0, 0, 0}, {na, 4, 4}, {na, na, na}, {3, na, na}});

        ModalUnits kept = ModalUnits.of(r);

        assertThat(kept.perUnit()).isEqualTo(3);
        assertThat(kept.ratings().units()).containsExactly("1", "3");
        assertThat(kept.dropped()).isEqualTo(4);
        assertThat(kept.unitsByCount()).containsExactly(
                Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 2), Map.entry(3, 2));
        // Without the tie the mode wins even when smaller: 2, 2, 3 → 2.
        ModalUnits two = ModalUnits.of(Ratings.ofMatrix(new double[][] {{1, na, 2}, {na, 4, 4}, {0, 0, 0}}));
        assertThat(two.perUnit()).isEqualTo(2);
        assertThat(two.ratings().units()).containsExactly("1", "2");
        assertThat(FleissKappa.of(two.ratings()).ratingsPerUnit()).isEqualTo(2);
        // A table without values keeps nothing.
        assertThat(ModalUnits.of(Ratings.ofMatrix(new double[][] {{na, na}})).perUnit()).isZero();
    }
}
