package org.redteam.agreement;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Percentile bootstrap over units: draw as many units as the table has, with replacement, recompute the
 * statistic, repeat; the 2.5th and 97.5th percentiles of the recomputed values bound the 95% interval. Units
 * are the independent draws (one transcript rated by several reviewers), so their ratings stay together; raters
 * are not resampled. This is not Hayes &amp; Krippendorff's (2007) bootstrap, which resamples pairs of values.
 *
 * <p>A resample whose statistic is undefined ({@code NaN}, e.g. every drawn unit has the same value) is
 * skipped and counted; the percentiles come from the defined ones. Percentiles interpolate linearly between
 * order statistics (R's default, type 7). Same seed, same table, same statistic → same interval.
 */
public final class Bootstrap {
    /** Resamples when the caller does not say; enough for stable 2.5/97.5 percentiles at 3 decimals in practice. */
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final double LEVEL = 0.95;

    private Bootstrap() {
    }

    /**
     * The statistic on the whole table ({@code estimate}) and its 95% percentile interval from {@code used} of
     * {@code resamples} resamples ({@code resamples − used} were undefined). Bounds are {@code NaN} when no
     * resample was defined (or none was asked for).
     */
    public record Interval(double estimate, double lower, double upper, int resamples, int used) {
        public int undefined() {
            return resamples - used;
        }
    }

    /** Seeded with {@link SplittableRandom}, whose sequence for a seed is fixed across JDK versions. */
    public static Interval percentile(Ratings ratings, ToDoubleFunction<Ratings> statistic, int resamples, long seed) {
        return percentile(ratings, statistic, resamples, new SplittableRandom(seed));
    }

    public static Interval percentile(Ratings ratings, ToDoubleFunction<Ratings> statistic, int resamples, RandomGenerator random) {
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must be ≥ 0, got " + resamples);
        }
        double estimate = statistic.applyAsDouble(ratings);
        int n = ratings.unitCount();
        if (n == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, resamples, 0);
        }
        double[] defined = new double[resamples];
        int used = 0;
        int[] draw = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = random.nextInt(n);
            }
            double value = statistic.applyAsDouble(ratings.select(draw));
            if (!Double.isNaN(value)) {
                defined[used++] = value;
            }
        }
        double[] sorted = Arrays.copyOf(defined, used);
        Arrays.sort(sorted);
        double tail = (1 - LEVEL) / 2;
        return new Interval(estimate, quantile(sorted, tail), quantile(sorted, 1 - tail), resamples, used);
    }

    /** R's type-7 quantile of ascending values: h = (n − 1)p, interpolate between x[⌊h⌋] and x[⌊h⌋ + 1]. */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
