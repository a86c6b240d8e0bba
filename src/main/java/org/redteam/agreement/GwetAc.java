package org.redteam.agreement;

import org.redteam.agreement.Coefficient;

import java.util.Optional;

/**
 * Gwet's AC1 (unweighted) and AC2 (weighted) for two raters (Gwet 2008, 2014): like Cohen's κ but with a chance
 * agreement that stays small when one category dominates, so it does not collapse on skewed data (the "kappa
 * paradox"; red-team ratings pile up at 0 and 4). With π_k = (r_k + c_k)/2 and T_w = Σ_ij w_ij:
 * p_a = Σ w_ij p_ij, p_e = T_w / (q(q − 1)) · Σ_k π_k (1 − π_k), AC = (p_a − p_e) / (1 − p_e).
 */
final class GwetAc {

    private GwetAc() {
    }

    /** AC1 when {@code weights} is NONE, AC2 otherwise; p_a and p_e as above. */
    public record Result(Weights weights, double value, double observed, double expected, int unitsUsed, int ratingsUsed)
            implements Coefficient {
        @Override
        public Optional<String> undefinedBecause() {
            if (unitsUsed == 0) {
                return Optional.of("no unit is rated by both raters");
            }
            if (Double.isNaN(value)) {
                return Optional.of("only one category is used: AC needs at least two");
            }
            return Optional.empty();
        }
    }

    public static Result of(Ratings ratings, Weights weights) {
        return of(PairTable.of(ratings), weights);
    }

    public static Result of(PairTable table, Weights weights) {
        int q = table.categoryCount();
        double total = table.total();
        int units = (int) Math.round(total);
        if (total == 0 || q < 2) {
            return new Result(weights, Double.NaN, Double.NaN, Double.NaN, units, 2 * units);
        }
        double[] rows = table.marginal(true);
        double[] cols = table.marginal(false);
        double observed = 0;
        double weightSum = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                double w = table.weight(weights, i, j);
                observed += w * table.counts()[i][j] / total;
                weightSum += w;
            }
        }
        double spread = 0;
        for (int k = 0; k < q; k++) {
            double pi = (rows[k] + cols[k]) / 2;
            spread += pi * (1 - pi);
        }
        double expected = weightSum / (q * (q - 1.0)) * spread;
        return new Result(weights, (observed - expected) / (1 - expected), observed, expected, units, 2 * units);
    }
}
