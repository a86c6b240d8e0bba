package org.redteam.agreement;

import org.redteam.agreement.Coefficient;

import java.util.Optional;

/**
 * Cohen's κ for two raters (Cohen 1960), unweighted or with linear or quadratic agreement weights (Cohen 1968).
 *
 * <p>With p_ij the share of units in cell (i, j), row and column shares r_i and c_j and weights w_ij
 * ({@link Weights}): p_o = Σ w_ij p_ij, p_e = Σ w_ij r_i c_j, κ = (p_o − p_e) / (1 − p_e). Without weights, also
 * Cohen's κ_max, the largest κ the two raters' marginals allow: p_o,max = Σ_i min(r_i, c_i).
 */
public final class CohenKappa {
    static final double EPSILON = 1e-12;

    private CohenKappa() {
    }

    /** κ, p_o, p_e and (unweighted only, else NaN) κ_max. */
    public record Result(Weights weights, double value, double observed, double expected, double maximum,
                         int unitsUsed, int ratingsUsed) implements Coefficient {
        @Override
        public Optional<String> undefinedBecause() {
            if (unitsUsed == 0) {
                return Optional.of("no unit is rated by both raters");
            }
            if (Double.isNaN(value)) {
                return Optional.of("both raters give one and the same value throughout: chance agreement is 1");
            }
            return Optional.empty();
        }
    }

    /** κ of a table with exactly two raters; units either rater left missing are dropped. */
    public static Result of(Ratings ratings, Weights weights) {
        return of(PairTable.of(ratings), weights);
    }

    public static Result of(PairTable table, Weights weights) {
        int q = table.categoryCount();
        double total = table.total();
        int units = (int) Math.round(total);
        if (total == 0) {
            return new Result(weights, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
        double[] rows = table.marginal(true);
        double[] cols = table.marginal(false);
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                double w = table.weight(weights, i, j);
                observed += w * table.counts()[i][j] / total;
                expected += w * rows[i] * cols[j];
            }
        }
        double maximum = Double.NaN;
        if (weights == Weights.NONE) {
            double best = 0;
            for (int i = 0; i < q; i++) {
                best += Math.min(rows[i], cols[i]);
            }
            maximum = kappa(best, expected);
        }
        return new Result(weights, kappa(observed, expected), observed, expected, maximum, units, 2 * units);
    }

    private static double kappa(double observed, double expected) {
        return 1 - expected < EPSILON ? Double.NaN : (observed - expected) / (1 - expected);
    }
}
