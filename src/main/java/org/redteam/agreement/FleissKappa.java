package org.redteam.agreement;

import org.redteam.agreement.Coefficient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;

/**
 * Fleiss' κ (Fleiss 1971, fixed marginals) for nominal ratings by many raters, with Randolph's (2005)
 * free-marginal κ and Fleiss' category-wise κ_j.
 *
 * <p>With N units, n ratings per unit and n_ij = how many of unit i's ratings are category j:
 * P_i = (Σ_j n_ij² − n) / (n(n − 1)), P̄ = mean P_i (observed agreement), p_j = Σ_i n_ij / (N n),
 * P_e = Σ_j p_j² (chance agreement), κ = (P̄ − P_e) / (1 − P_e). Randolph replaces P_e by 1/q for q categories.
 * κ_j = 1 − Σ_i n_ij (n − n_ij) / (N n (n − 1) p_j (1 − p_j)).
 *
 * <p>Fleiss' formula assumes the same number of ratings n for every unit; this class enforces it and names
 * the first unit that breaks it (units without any rating are ignored). For missing ratings use
 * {@link KrippendorffAlpha}, which is made for them. The raters need not be the same people across units.
 */
public final class FleissKappa {
    /** Below this, 1 − P_e counts as 0: every rating in one category, κ undefined. */
    static final double EPSILON = 1e-12;

    private FleissKappa() {
    }

    /** κ_j of one category, with p_j, the share of all ratings in it. */
    public record CategoryKappa(double category, double proportion, double kappa) {
    }

    /**
     * Fleiss' κ and its parts. {@code observed} = P̄ (also the mean pairwise percent agreement), {@code expected} =
     * P_e, {@code freeMarginal} = Randolph's κ with q = the number of categories (columns of a counts table, or
     * distinct values present in a {@link Ratings}).
     */
    public record Result(double value, double observed, double expected, double freeMarginal, List<CategoryKappa> categories,
                         double ratingsPerUnit, int unitsUsed, int ratingsUsed) implements Coefficient {
        public Result {
            categories = List.copyOf(categories);
        }

        @Override
        public Optional<String> undefinedBecause() {
            if (unitsUsed == 0) {
                return Optional.of("no unit has a rating");
            }
            if (ratingsPerUnit < 2) {
                return Optional.of("each unit has fewer than two ratings: there is no pair that could agree");
            }
            if (Double.isNaN(value)) {
                return Optional.of("every rating is in the same category: chance agreement is 1 (expected disagreement 0)");
            }
            return Optional.empty();
        }
    }

    /** κ of a table with the same number of ratings for every rated unit; categories are the distinct values. */
    public static Result of(Ratings ratings) {
        double[] categories = ratings.categories();
        List<double[]> rows = new ArrayList<>();
        int first = -1;
        for (int u = 0; u < ratings.unitCount(); u++) {
            double[] values = ratings.valuesOf(u);
            if (values.length == 0) {
                continue;
            }
            if (first < 0) {
                first = u;
            } else if (values.length != ratings.valuesOf(first).length) {
                throw new InvalidInputException("Fleiss' kappa needs the same number of ratings for every unit: unit '"
                        + ratings.units().get(u) + "' has " + values.length + ", unit '" + ratings.units().get(first) + "' has "
                        + ratings.valuesOf(first).length + " (Krippendorff's alpha allows missing ratings)");
            }
            double[] counts = new double[categories.length];
            for (double v : values) {
                counts[Arrays.binarySearch(categories, v)]++;
            }
            rows.add(counts);
        }
        return compute(rows.toArray(double[][]::new), categories);
    }

    /**
     * κ of a counts table: rows = units, columns = categories 1…q, cell = how many raters chose that category
     * (counts may be fractional, as in statsmodels). Every row must have the same sum.
     */
    public static Result ofCounts(double[][] counts) {
        int q = counts.length == 0 ? 0 : counts[0].length;
        double[] categories = new double[q];
        for (int j = 0; j < q; j++) {
            categories[j] = j + 1;
        }
        double n0 = counts.length == 0 ? 0 : sum(counts[0]);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != q) {
                throw new InvalidInputException("counts row " + (i + 1) + " has " + counts[i].length + " categories, row 1 has " + q);
            }
            double n = sum(counts[i]);
            if (Math.abs(n - n0) > 1e-9 * Math.max(1, n0)) {
                throw new InvalidInputException("Fleiss' kappa needs the same number of ratings for every unit: counts row "
                        + (i + 1) + " sums to " + n + ", row 1 to " + n0);
            }
        }
        return compute(counts, categories);
    }

    private static Result compute(double[][] counts, double[] categoryValues) {
        int units = counts.length;
        int q = categoryValues.length;
        double n = units == 0 ? 0 : sum(counts[0]);
        int ratingsUsed = (int) Math.round(units * n);
        if (units == 0 || n < 2) {
            List<CategoryKappa> none = new ArrayList<>();
            for (double c : categoryValues) {
                none.add(new CategoryKappa(c, Double.NaN, Double.NaN));
            }
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, n, units, ratingsUsed);
        }
        double[] p = new double[q];
        double observed = 0;
        for (double[] row : counts) {
            double squares = 0;
            for (int j = 0; j < q; j++) {
                p[j] += row[j];
                squares += row[j] * row[j];
            }
            observed += (squares - n) / (n * (n - 1));
        }
        observed /= units;
        double expected = 0;
        for (int j = 0; j < q; j++) {
            p[j] /= units * n;
            expected += p[j] * p[j];
        }
        double kappa = 1 - expected < EPSILON ? Double.NaN : (observed - expected) / (1 - expected);
        double freeMarginal = q < 2 ? Double.NaN : (observed - 1.0 / q) / (1 - 1.0 / q);
        return new Result(kappa, observed, expected, freeMarginal, categoryKappas(counts, categoryValues, p, n),
                n, units, ratingsUsed);
    }

    private static List<CategoryKappa> categoryKappas(double[][] counts, double[] categoryValues, double[] p, double n) {
        List<CategoryKappa> out = new ArrayList<>();
        for (int j = 0; j < categoryValues.length; j++) {
            double disagreement = 0;
            for (double[] row : counts) {
                disagreement += row[j] * (n - row[j]);
            }
            double chance = counts.length * n * (n - 1) * p[j] * (1 - p[j]);
            out.add(new CategoryKappa(categoryValues[j], p[j], chance < EPSILON ? Double.NaN : 1 - disagreement / chance));
        }
        return out;
    }

    private static double sum(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s;
    }
}
