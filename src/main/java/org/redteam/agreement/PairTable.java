package org.redteam.agreement;

import org.redteam.agreement.Agreement;

import java.util.Arrays;
import org.redteam.problem.InvalidInputException;

/**
 * The contingency table of two raters: {@code counts[i][j]} = units the first rater put in category
 * {@code values[i]} and the second in {@code values[j]}. Units that either rater left missing are dropped.
 * The arrays are shared, not copied: read them, never write them.
 */
record PairTable(double[] values, double[][] counts) {

    /** The table of a {@link Ratings} with exactly two raters; the categories are the values both gave. */
    public static PairTable of(Ratings ratings) {
        if (ratings.raterCount() != 2) {
            throw new InvalidInputException("a two-rater coefficient needs exactly two raters; the ratings have "
                    + ratings.raterCount() + (ratings.raterCount() == 0 ? "" : ": " + String.join(", ", ratings.raters())));
        }
        int n = ratings.unitCount();
        double[] paired = new double[2 * n];
        int units = 0;
        for (int u = 0; u < n; u++) {
            double a = ratings.value(u, 0);
            double b = ratings.value(u, 1);
            if (!Double.isNaN(a) && !Double.isNaN(b)) {
                paired[2 * units] = a;
                paired[2 * units + 1] = b;
                units++;
            }
        }
        double[] values = Arrays.stream(paired, 0, 2 * units).distinct().sorted().toArray();
        double[][] counts = new double[values.length][values.length];
        for (int i = 0; i < units; i++) {
            counts[Arrays.binarySearch(values, paired[2 * i])][Arrays.binarySearch(values, paired[2 * i + 1])]++;
        }
        return new PairTable(values, counts);
    }

    /** A q × q table of counts whose categories are 1…q, e.g. one printed in a paper. */
    public static PairTable ofCounts(double[][] counts) {
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts.length) {
                throw new InvalidInputException("a two-rater table must be square: row " + (i + 1) + " has "
                        + counts[i].length + " cells, the table " + counts.length + " rows");
            }
            values[i] = i + 1;
        }
        return new PairTable(values, counts);
    }

    public int categoryCount() {
        return values.length;
    }

    /** Σ counts: the units both raters rated. */
    public double total() {
        return Arrays.stream(counts).flatMapToDouble(Arrays::stream).sum();
    }

    /** Agreement weight of categories i and j (indices) under {@code w}; the scale's range is max − min of the values. */
    double weight(Weights w, int i, int j) {
        return w.of(values[i], values[j], values[values.length - 1] - values[0]);
    }

    /** Share of units per category of the first rater (rows) or the second (columns). */
    double[] marginal(boolean rows) {
        double total = total();
        double[] m = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j++) {
                m[rows ? i : j] += counts[i][j] / total;
            }
        }
        return m;
    }
}
