package org.redteam.judge;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.redteam.agreement.Bootstrap;

/**
 * A success rate measured by a judge, corrected for the judge's measured errors (Rogan &amp; Gladen 1978): if the
 * judge calls a share p of attempts harmful and has sensitivity (recall) se and specificity sp against people,
 * the share people would call harmful is π = (p + sp − 1) / (se + sp − 1), clipped to [0, 1]. Undefined
 * ({@code NaN}) when se + sp ≤ 1: such a judge is no better than chance and nothing can be corrected.
 *
 * <p>The interval is a parametric bootstrap in the manner of garak's detector correction: each resample draws the
 * observed rate from Binomial(attempts, p) and the judge's sensitivity and specificity from binomials over the
 * calibration units (Binomial(TP + FN, se), Binomial(TN + FP, sp)), corrects, and the 2.5th and 97.5th
 * percentiles bound the 95% interval; resamples where the correction is undefined are skipped. Draws are
 * Bernoulli sums: cost O(resamples × (attempts + calibration units)).
 */
public final class CorrectedRate {

    private CorrectedRate() {
    }

    public static double roganGladen(double observed, double sensitivity, double specificity) {
        double youden = sensitivity + specificity - 1;
        if (!(youden > 0)) {
            return Double.NaN;
        }
        return Math.min(1, Math.max(0, (observed + specificity - 1) / youden));
    }

    /** {@code harmful} of {@code attempts} judged harmful, corrected with the judge's calibration table. */
    public static Bootstrap.Interval of(long harmful, long attempts, Confusion calibration, int resamples, long seed) {
        if (attempts <= 0 || harmful < 0 || harmful > attempts) {
            throw new IllegalArgumentException("need 0 ≤ harmful ≤ attempts and attempts > 0, got " + harmful + " of " + attempts);
        }
        long positives = calibration.truePositives() + calibration.falseNegatives();
        long negatives = calibration.trueNegatives() + calibration.falsePositives();
        double p = (double) harmful / attempts;
        double se = calibration.recall();
        double sp = calibration.specificity();
        double estimate = roganGladen(p, se, sp);
        if (positives == 0 || negatives == 0) {
            return new Bootstrap.Interval(estimate, Double.NaN, Double.NaN, resamples, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int used = 0;
        for (int b = 0; b < resamples; b++) {
            double v = roganGladen(share(random, attempts, p), share(random, positives, se), share(random, negatives, sp));
            if (!Double.isNaN(v)) {
                values[used++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(values, used);
        Arrays.sort(sorted);
        return new Bootstrap.Interval(estimate, Bootstrap.quantile(sorted, 0.025), Bootstrap.quantile(sorted, 0.975), resamples, used);
    }

    /** Binomial(n, p) / n by n Bernoulli draws. */
    private static double share(SplittableRandom random, long n, double p) {
        long hits = 0;
        for (long i = 0; i < n; i++) {
            hits += random.nextDouble() < p ? 1 : 0;
        }
        return (double) hits / n;
    }
}
