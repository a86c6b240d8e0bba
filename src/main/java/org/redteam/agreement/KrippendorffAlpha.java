package org.redteam.agreement;

import org.redteam.agreement.Coefficient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;

/**
 * Krippendorff's α for any number of raters, missing ratings and four levels of measurement, by the
 * coincidence-matrix method of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
 *
 * <p>Only pairable values count: a unit with fewer than two values is dropped. A unit u with m_u values adds
 * 1/(m_u − 1) to the coincidence o_ck for every ordered pair of its values (c, k) taken from two different
 * raters; n_c = Σ_k o_ck and n = Σ_c n_c (the pairable values). Then
 * α = 1 − D_o/D_e with D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n(n − 1)), δ² as in {@link Level}.
 *
 * <p>Cost: O(V²) per evaluation for V distinct values, meant for rating scales, not for continuous
 * measurements with thousands of distinct values.
 */
public final class KrippendorffAlpha {

    private KrippendorffAlpha() {
    }

    /** α at one level, with D_o and D_e as defined above (the values DKPro Statistics reports). */
    public record Result(Level level, double value, double observedDisagreement, double expectedDisagreement,
                         int unitsUsed, int ratingsUsed) implements Coefficient {
        @Override
        public Optional<String> undefinedBecause() {
            if (unitsUsed == 0) {
                return Optional.of("no unit has two or more ratings: there is no pair that could agree");
            }
            if (Double.isNaN(value)) {
                return Optional.of("every pairable rating has the same value: expected disagreement is 0");
            }
            return Optional.empty();
        }
    }

    /** α of one category against all others: nominal α of {@link Ratings#indicator}. */
    public record CategoryAlpha(double category, double alpha) {
    }

    public static Result of(Ratings ratings, Level level) {
        List<double[]> units = new ArrayList<>();
        for (int u = 0; u < ratings.unitCount(); u++) {
            double[] values = ratings.valuesOf(u);
            if (level == Level.RATIO) {
                for (double v : values) {
                    if (v < 0) {
                        throw new InvalidInputException("the ratio level needs values ≥ 0 (an absolute zero): unit '"
                                + ratings.units().get(u) + "' has " + v);
                    }
                }
            }
            if (values.length >= 2) {
                units.add(values);
            }
        }
        double[] domain = units.stream().flatMapToDouble(Arrays::stream).distinct().sorted().toArray();
        int v = domain.length;
        double[][] o = new double[v][v];
        int pairable = 0;
        for (double[] values : units) {
            int m = values.length;
            pairable += m;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i != j) {
                        o[Arrays.binarySearch(domain, values[i])][Arrays.binarySearch(domain, values[j])] += 1.0 / (m - 1);
                    }
                }
            }
        }
        if (v < 2) {
            double disagreement = units.isEmpty() ? Double.NaN : 0;
            return new Result(level, Double.NaN, disagreement, disagreement, units.size(), pairable);
        }
        double[] marginals = new double[v];
        for (int c = 0; c < v; c++) {
            marginals[c] = Arrays.stream(o[c]).sum();
        }
        double[][] delta = distances(level, domain, marginals);
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                observed += o[c][k] * delta[c][k];
                expected += marginals[c] * marginals[k] * delta[c][k];
            }
        }
        double n = pairable;
        observed /= n;
        expected /= n * (n - 1);
        return new Result(level, 1 - observed / expected, observed, expected, units.size(), pairable);
    }

    /** Nominal α of each category present against the rest, in ascending order of category. */
    public static List<CategoryAlpha> perCategory(Ratings ratings) {
        List<CategoryAlpha> out = new ArrayList<>();
        for (double c : ratings.categories()) {
            out.add(new CategoryAlpha(c, of(ratings.indicator(c), Level.NOMINAL).value()));
        }
        return out;
    }

    /** δ²_ck for the sorted domain; the ordinal metric needs the marginals n_g. */
    static double[][] distances(Level level, double[] domain, double[] marginals) {
        int v = domain.length;
        double[] cumulative = new double[v + 1];
        for (int g = 0; g < v; g++) {
            cumulative[g + 1] = cumulative[g] + marginals[g];
        }
        double[][] d = new double[v][v];
        for (int c = 0; c < v; c++) {
            for (int k = 0; k < v; k++) {
                double a = domain[c];
                double b = domain[k];
                d[c][k] = c == k ? 0 : switch (level) {
                    case NOMINAL -> 1;
                    case ORDINAL -> {
                        int lo = Math.min(c, k);
                        int hi = Math.max(c, k);
                        double between = cumulative[hi + 1] - cumulative[lo] - (marginals[lo] + marginals[hi]) / 2;
                        yield between * between;
                    }
                    case INTERVAL -> (a - b) * (a - b);
                    case RATIO -> ((a - b) / (a + b)) * ((a - b) / (a + b));
                };
            }
        }
        return d;
    }
}
