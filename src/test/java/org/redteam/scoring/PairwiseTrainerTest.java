package org.redteam.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairwiseTrainerTest {

    /** Pairs whose order follows a known direction w* (with 5% of labels flipped). */
    static List<double[]> synthetic(double[] truth, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] d = new double[truth.length];
            for (int j = 0; j < d.length; j++) {
                d[j] = random.nextGaussian();
            }
            boolean flip = (PairwiseTrainer.dot(truth, d) < 0) ^ (random.nextDouble() < 0.05);
            if (flip) {
                for (int j = 0; j < d.length; j++) {
                    d[j] = -d[j];
                }
            }
            rows.add(d);
        }
        return rows;
    }

    @Test
    void recoversAKnownDirection() {
        double[] truth = {2, -1, 0, 0.5, 0, 0, 1, 0};
        PairwiseTrainer.Result r = new PairwiseTrainer(5, 1, 7).train(synthetic(truth, 600, 1), done -> { });
        double cosine = PairwiseTrainer.dot(r.weights(), truth)
                / Math.sqrt(PairwiseTrainer.dot(r.weights(), r.weights()) * PairwiseTrainer.dot(truth, truth));
        assertThat(cosine).isGreaterThan(0.95);
        assertThat(r.cvAccuracy()).isGreaterThan(0.85);
        assertThat(PairwiseTrainer.accuracy(r.weights(), synthetic(truth, 2000, 99))).isGreaterThan(0.85);
    }

    @Test
    void isDeterministicForASeed() {
        double[] truth = {1, 1, -1};
        List<double[]> rows = synthetic(truth, 200, 3);
        PairwiseTrainer.Result a = new PairwiseTrainer(5, 2, 11).train(rows, done -> { });
        PairwiseTrainer.Result b = new PairwiseTrainer(5, 2, 11).train(rows, done -> { });
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.cvAccuracyByLambda()).containsExactly(b.cvAccuracyByLambda());
    }

    @Test
    void newtonReachesTheRegularisedOptimum() {
        // At the optimum the gradient Σ (σ(w·d) − 1) d + λ w vanishes.
        List<double[]> rows = synthetic(new double[] {1, -2}, 300, 5);
        double lambda = 3;
        double[] w = PairwiseTrainer.fit(rows, lambda);
        double[] gradient = {lambda * w[0], lambda * w[1]};
        for (double[] d : rows) {
            double g = PairwiseTrainer.sigmoid(PairwiseTrainer.dot(w, d)) - 1;
            gradient[0] += g * d[0];
            gradient[1] += g * d[1];
        }
        assertThat(gradient[0]).isCloseTo(0, within(1e-8));
        assertThat(gradient[1]).isCloseTo(0, within(1e-8));
    }

    @Test
    void solvesASmallSystemGivenByItsLowerTriangle() {
        // [[4, 2], [2, 3]] x = [2, 1]  →  x = [0.5, 0]: 4·0.5 + 2·0 = 2, 2·0.5 + 3·0 = 1.
        double[][] a = {{4, 0}, {2, 3}};
        assertThat(PairwiseTrainer.solve(a, new double[] {2, 1})).containsExactly(new double[] {0.5, 0}, within(1e-12));
    }

    @Test
    void foldsCoverEveryPairOnce() {
        int[][] folds = new PairwiseTrainer(5, 1, 1).folds(23, 1);
        assertThat(folds.length).isEqualTo(5);
        assertThat(java.util.Arrays.stream(folds).flatMapToInt(java.util.Arrays::stream).sorted().toArray())
                .containsExactly(java.util.stream.IntStream.range(0, 23).toArray());
    }
}
