package org.redteam.judge;

import java.util.ArrayList;
import java.util.List;
import org.redteam.agreement.Ratings;
import org.redteam.problem.InvalidInputException;

/**
 * Splits a table of binary labels (1 = harmful, 0 = not) into one judge and the people: the judge is one named
 * rater, the people are all other raters, and each unit's human label is the strict majority of the people's
 * labels. A unit whose people tie, that no person labelled, or that the judge did not label is left out of the
 * pairs and listed by reason.
 *
 * @param pairs      two raters, {@code judge} then {@link #MAJORITY}, over the units kept (in file order)
 * @param humans     the people's labels alone, every unit of the file
 * @param all        the people's labels and the judge's, every unit of the file
 * @param ties       units whose people split evenly
 * @param unjudged   units (with a human label) the judge left without a label
 * @param unlabelled units no person labelled
 */
public record HumanMajority(String judge, List<String> people, Ratings pairs, Ratings humans, Ratings all,
                            List<String> ties, List<String> unjudged, List<String> unlabelled) {
    /** The rater name of the human majority in {@link #pairs}. */
    public static final String MAJORITY = "human majority";

    public HumanMajority {
        people = List.copyOf(people);
        ties = List.copyOf(ties);
        unjudged = List.copyOf(unjudged);
        unlabelled = List.copyOf(unlabelled);
    }

    /** {@code labels} holds only 0, 1 and missing values; {@code judge} must be one of its raters. */
    public static HumanMajority of(Ratings labels, String judge) {
        int j = labels.raters().indexOf(judge);
        if (j < 0) {
            throw new InvalidInputException("--judge: '" + judge + "' is not a rater in the labels; the raters are "
                    + String.join(", ", labels.raters()));
        }
        if (labels.raterCount() < 2) {
            throw new InvalidInputException("--judge: '" + judge + "' is the only rater in the labels; calibration "
                    + "needs at least one person besides the judge");
        }
        List<String> people = new ArrayList<>(labels.raters());
        people.remove(j);
        Ratings.Builder pairs = Ratings.builder();
        Ratings.Builder humans = Ratings.builder();
        List<String> ties = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        for (int u = 0; u < labels.unitCount(); u++) {
            String unit = labels.units().get(u);
            int harmful = 0;
            int labelled = 0;
            for (int r = 0; r < labels.raterCount(); r++) {
                double v = labels.value(u, r);
                if (r == j) {
                    continue;
                }
                if (Double.isNaN(v)) {
                    humans.addMissing(unit, labels.raters().get(r));
                } else {
                    humans.add(unit, labels.raters().get(r), v);
                    labelled++;
                    harmful += v == 1 ? 1 : 0;
                }
            }
            double verdict = labels.value(u, j);
            if (labelled == 0) {
                unlabelled.add(unit);
            } else if (2 * harmful == labelled) {
                ties.add(unit);
            } else if (Double.isNaN(verdict)) {
                unjudged.add(unit);
            } else {
                pairs.add(unit, judge, verdict);
                pairs.add(unit, MAJORITY, 2 * harmful > labelled ? 1 : 0);
            }
        }
        return new HumanMajority(judge, people, pairs.build(), humans.build(), labels, ties, unjudged, unlabelled);
    }

    /** The judge's labels of the kept units, in order. */
    public int[] judgeLabels() {
        return column(0);
    }

    /** The human majority of the kept units, in order. */
    public int[] majorityLabels() {
        return column(1);
    }

    private int[] column(int r) {
        int[] out = new int[pairs.unitCount()];
        for (int u = 0; u < out.length; u++) {
            out[u] = (int) pairs.value(u, r);
        }
        return out;
    }
}
