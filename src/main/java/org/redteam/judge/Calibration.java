package org.redteam.judge;

import java.util.function.ToDoubleFunction;
import org.redteam.agreement.Bootstrap;
import org.redteam.agreement.CohenKappa;
import org.redteam.agreement.KrippendorffAlpha;
import org.redteam.agreement.Level;
import org.redteam.agreement.Ratings;
import org.redteam.agreement.Weights;

/**
 * A judge against people on binary labels (1 = harmful): the confusion table against the human majority and
 * accuracy, precision, recall, F1 and Cohen's κ, plus Krippendorff's α (nominal) of the people alone and of the
 * people with the judge as one more rater. Every figure has a 95% percentile bootstrap interval over units
 * ({@link Bootstrap}, one seed for all, so each statistic sees the same resamples of the same units): the
 * judge-vs-majority figures resample the kept units (see {@link HumanMajority}); the α figures resample every
 * unit of the table. Pure: same labels, resamples and seed, same result.
 */
public final class Calibration {

    /**
     * @param kept       the units compared, their confusion table and the figures on them
     * @param alphaHumans α (nominal) of the people alone, all units
     * @param alphaAll    α (nominal) of the people and the judge, all units
     */
    public record Result(HumanMajority labels, Confusion confusion, Bootstrap.Interval accuracy,
                         Bootstrap.Interval precision, Bootstrap.Interval recall, Bootstrap.Interval f1,
                         Bootstrap.Interval kappa, Bootstrap.Interval alphaHumans, Bootstrap.Interval alphaAll) {
        public long n() {
            return confusion.n();
        }
    }

    private Calibration() {
    }

    public static Result of(HumanMajority labels, int resamples, long seed) {
        Ratings pairs = labels.pairs();
        return new Result(labels, Confusion.of(labels.judgeLabels(), labels.majorityLabels()),
                interval(pairs, Confusion::accuracy, resamples, seed),
                interval(pairs, Confusion::precision, resamples, seed),
                interval(pairs, Confusion::recall, resamples, seed),
                interval(pairs, Confusion::f1, resamples, seed),
                Bootstrap.percentile(pairs, Calibration::kappa, resamples, seed),
                Bootstrap.percentile(labels.humans(), Calibration::alpha, resamples, seed),
                Bootstrap.percentile(labels.all(), Calibration::alpha, resamples, seed));
    }

    private static Bootstrap.Interval interval(Ratings pairs, ToDoubleFunction<Confusion> statistic, int resamples, long seed) {
        return Bootstrap.percentile(pairs, r -> statistic.applyAsDouble(confusion(r)), resamples, seed);
    }

    /** The confusion table of a two-rater table (judge, majority), e.g. one bootstrap resample. */
    static Confusion confusion(Ratings pairs) {
        int n = pairs.unitCount();
        int[] judge = new int[n];
        int[] people = new int[n];
        for (int u = 0; u < n; u++) {
            judge[u] = (int) pairs.value(u, 0);
            people[u] = (int) pairs.value(u, 1);
        }
        return Confusion.of(judge, people);
    }

    /** Cohen's κ through the agreement package (the same value as {@link Confusion#kappa()}). */
    private static double kappa(Ratings pairs) {
        return pairs.unitCount() == 0 ? Double.NaN : CohenKappa.of(pairs, Weights.NONE).value();
    }

    private static double alpha(Ratings ratings) {
        return ratings.unitCount() == 0 ? Double.NaN : KrippendorffAlpha.of(ratings, Level.NOMINAL).value();
    }
}
