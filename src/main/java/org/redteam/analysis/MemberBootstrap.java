package org.redteam.analysis;

import org.redteam.agreement.Bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The cluster bootstrap over red team members: a resample draws as many members as there are, with replacement,
 * and takes all the attempts of each drawn member (a member drawn twice counts twice). Members, not attempts,
 * are the independent units: one member's attempts share a style and a skill, so resampling attempts would give
 * intervals that are too narrow. Each statistic sees a resample as member weights (times drawn) and computes its
 * values from them. 95% intervals are the 2.5th and 97.5th percentiles of the resampled values (R's type 7, see
 * {@link Bootstrap#quantile}); a resample where a value is undefined ({@code NaN}: a target none of the drawn
 * members attacked) is skipped for that value and counted.
 *
 * <p>Deterministic for a seed whatever the number of threads: resample b draws from its own
 * {@link SplittableRandom}, seeded by the b-th number of a generator seeded with {@code seed}; resamples run in
 * parallel and each writes only its own column.
 */
public final class MemberBootstrap {

    /** A statistic of the attempts under member weights; its values are numbered 0 … size − 1. */
    public interface Statistic {
        int size();

        /** An evaluator for one thread: it may keep scratch space between calls. */
        Evaluator evaluator();
    }

    public interface Evaluator {
        /** Writes the statistic's values with member m counted {@code weights[m]} times to {@code out[offset …]}. */
        void evaluate(int[] weights, double[] out, int offset);
    }

    /** The estimate (every member once) and 95% interval of every value of every statistic. */
    public static final class Intervals {
        private final Bootstrap.Interval[][] intervals;

        private Intervals(Bootstrap.Interval[][] intervals) {
            this.intervals = intervals;
        }

        public Bootstrap.Interval get(int statistic, int value) {
            return intervals[statistic][value];
        }
    }

    private MemberBootstrap() {
    }

    public static Intervals run(int members, List<Statistic> statistics, int resamples, long seed) {
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples must be ≥ 0, got " + resamples);
        }
        int[] offsets = new int[statistics.size() + 1];
        for (int s = 0; s < statistics.size(); s++) {
            offsets[s + 1] = offsets[s] + statistics.get(s).size();
        }
        int values = offsets[statistics.size()];
        int[] ones = new int[members];
        Arrays.fill(ones, 1);
        double[] estimates = new double[values];
        evaluate(statistics.stream().map(Statistic::evaluator).toList(), ones, offsets, estimates);

        double[][] resampled = resample(members, statistics, offsets, resamples, seed);
        Bootstrap.Interval[][] intervals = new Bootstrap.Interval[statistics.size()][];
        for (int s = 0; s < statistics.size(); s++) {
            intervals[s] = new Bootstrap.Interval[statistics.get(s).size()];
            for (int v = 0; v < intervals[s].length; v++) {
                int k = offsets[s] + v;
                intervals[s][v] = interval(estimates[k], resampled[k], resamples);
            }
        }
        return new Intervals(intervals);
    }

    /** resampled[value][b]: every value under resample b. */
    private static double[][] resample(int members, List<Statistic> statistics, int[] offsets, int resamples, long seed) {
        int values = offsets[statistics.size()];
        SplittableRandom seeds = new SplittableRandom(seed);
        long[] seedOf = new long[resamples];
        for (int b = 0; b < resamples; b++) {
            seedOf[b] = seeds.nextLong();
        }
        double[][] resampled = new double[values][resamples];
        int chunks = Math.max(1, Math.min(resamples, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            List<Evaluator> evaluators = statistics.stream().map(Statistic::evaluator).toList();
            int[] weights = new int[members];
            double[] out = new double[values];
            for (int b = chunk; b < resamples; b += chunks) {
                draw(new SplittableRandom(seedOf[b]), weights);
                evaluate(evaluators, weights, offsets, out);
                for (int k = 0; k < values; k++) {
                    resampled[k][b] = out[k];
                }
            }
        });
        return resampled;
    }

    /** Draws weights.length members with replacement: weights[m] = how often member m was drawn. */
    static void draw(SplittableRandom random, int[] weights) {
        Arrays.fill(weights, 0);
        for (int i = 0; i < weights.length; i++) {
            weights[random.nextInt(weights.length)]++;
        }
    }

    private static void evaluate(List<Evaluator> evaluators, int[] weights, int[] offsets, double[] out) {
        for (int s = 0; s < evaluators.size(); s++) {
            evaluators.get(s).evaluate(weights, out, offsets[s]);
        }
    }

    private static Bootstrap.Interval interval(double estimate, double[] values, int resamples) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double tail = (1 - Bootstrap.LEVEL) / 2;
        return new Bootstrap.Interval(estimate, Bootstrap.quantile(defined, tail), Bootstrap.quantile(defined, 1 - tail),
                resamples, defined.length);
    }
}
