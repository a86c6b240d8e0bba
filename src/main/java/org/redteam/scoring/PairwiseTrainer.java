package org.redteam.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Bradley–Terry (pairwise logistic) training of a linear head: for a pair with feature difference
 * {@code d = φ(less harmful) − φ(more harmful)}, P(correct order) = σ(w·d). Minimises
 * {@code Σ log(1 + e^{−w·d}) + λ/2 ‖w‖²} by Newton's method (the problem is convex; a few
 * iterations reach machine precision). λ is chosen by k-fold cross-validated pairwise accuracy over
 * a fixed grid, repeated over several seeded shuffles (one k-fold split is noisy: on 1,500 pairs the
 * accuracy of one split moves by ±0.01), so training is deterministic for a seed.
 */
public final class PairwiseTrainer {
    public static final double[] LAMBDAS = {0.3, 1, 3, 10, 30};
    static final int MAX_NEWTON_STEPS = 50;
    static final double TOLERANCE = 1e-8;

    private final int folds;
    private final int repeats;
    private final long seed;

    public PairwiseTrainer(int folds, int repeats, long seed) {
        if (folds < 2 || repeats < 1) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds and 1 repeat");
        }
        this.folds = folds;
        this.repeats = repeats;
        this.seed = seed;
    }

    /** The fitted head and how each λ did in cross-validation. */
    public record Result(double[] weights, double lambda, double cvAccuracy, double[] cvAccuracyByLambda,
                         double trainAccuracy) {
    }

    /**
     * @param differences one row per pair: φ(less harmful) − φ(more harmful)
     * @param progress    called with the number of fits done, out of {@link #fits()}
     */
    public Result train(List<double[]> differences, IntConsumer progress) {
        if (differences.size() < folds) {
            throw new IllegalArgumentException("need at least " + folds + " pairs to cross-validate, got " + differences.size());
        }
        double[] byLambda = new double[LAMBDAS.length];
        int done = 0;
        for (int l = 0; l < LAMBDAS.length; l++) {
            int correct = 0;
            for (int repeat = 0; repeat < repeats; repeat++) {
              for (int[] test : folds(differences.size(), seed + repeat)) {
                boolean[] isTest = new boolean[differences.size()];
                for (int i : test) {
                    isTest[i] = true;
                }
                List<double[]> train = new ArrayList<>();
                for (int i = 0; i < differences.size(); i++) {
                    if (!isTest[i]) {
                        train.add(differences.get(i));
                    }
                }
                double[] w = fit(train, LAMBDAS[l]);
                for (int i : test) {
                    correct += dot(w, differences.get(i)) > 0 ? 1 : 0;
                }
                progress.accept(++done);
              }
            }
            byLambda[l] = correct / (double) (differences.size() * repeats);
        }
        int best = 0;
        for (int l = 1; l < LAMBDAS.length; l++) {
            if (byLambda[l] > byLambda[best]) {
                best = l;
            }
        }
        double[] weights = fit(differences, LAMBDAS[best]);
        progress.accept(++done);
        return new Result(weights, LAMBDAS[best], byLambda[best], byLambda, accuracy(weights, differences));
    }

    /** Number of fits {@link #train} runs: every λ × fold × repeat, plus the final fit. */
    public int fits() {
        return LAMBDAS.length * folds * repeats + 1;
    }

    static double accuracy(double[] w, List<double[]> differences) {
        int correct = 0;
        for (double[] d : differences) {
            correct += dot(w, d) > 0 ? 1 : 0;
        }
        return correct / (double) differences.size();
    }

    /** Seeded shuffle cut into {@code folds} near-equal parts. */
    int[][] folds(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][] parts = new int[folds][];
        for (int f = 0; f < folds; f++) {
            parts[f] = Arrays.copyOfRange(order, (int) ((long) f * n / folds), (int) ((long) (f + 1) * n / folds));
        }
        return parts;
    }

    /** The L2-regularised pairwise logistic fit by Newton's method. */
    public static double[] fit(List<double[]> rows, double lambda) {
        int d = rows.get(0).length;
        double[] w = new double[d];
        for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (double[] x : rows) {
                double p = sigmoid(dot(w, x));
                double g = p - 1;
                double h = p * (1 - p);
                for (int i = 0; i < d; i++) {
                    gradient[i] += g * x[i];
                    double hx = h * x[i];
                    double[] row = hessian[i];
                    for (int j = 0; j <= i; j++) {
                        row[j] += hx * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                gradient[i] += lambda * w[i];
                hessian[i][i] += lambda;
            }
            double[] delta = solve(hessian, gradient);
            double largest = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= delta[i];
                largest = Math.max(largest, Math.abs(delta[i]));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        return w;
    }

    /**
     * Solves A x = b for symmetric positive definite A given by its lower triangle, by Hipparchus' Cholesky
     * decomposition; fills A's upper triangle from the lower.
     */
    static double[] solve(double[][] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                a[j][i] = a[i][j];
            }
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
