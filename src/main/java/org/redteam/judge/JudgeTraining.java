package org.redteam.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.redteam.scoring.PairwiseTrainer;

/**
 * Training of the trained judge's head: L2-regularised logistic regression, fitted by Newton's method (the
 * pairwise trainer's fit on label-signed rows: log(1 + e^{−s·w·x}) with s = ±1 is the logistic loss). λ is
 * chosen by {@link #FOLDS}-fold cross-validated accuracy over {@link #LAMBDAS}; folds and held-out splits are
 * seeded shuffles, so training is deterministic for a seed.
 */
public final class JudgeTraining {
    public static final double[] LAMBDAS = {0.3, 3, 30};
    public static final int FOLDS = 5;

    private JudgeTraining() {
    }

    /** The fitted head (last weight = bias), the chosen λ, and cross-validated accuracy by λ. */
    public record Result(double[] weights, double lambda, double cvAccuracy, double[] cvAccuracyByLambda, double trainAccuracy) {
    }

    /** The rows of one file a model trains on, and those it never sees. */
    public record Split(List<LabelledResponse> train, List<LabelledResponse> heldOut) {
    }

    /** A seeded shuffle of one file's rows, the last {@code fraction} of it held out. */
    public static Split split(List<LabelledResponse> rows, double fraction, long seed) {
        int[] order = shuffled(rows.size(), seed);
        int cut = rows.size() - (int) Math.round(rows.size() * fraction);
        List<LabelledResponse> train = new ArrayList<>();
        List<LabelledResponse> heldOut = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            (i < cut ? train : heldOut).add(rows.get(order[i]));
        }
        return new Split(train, heldOut);
    }

    public static Result train(List<double[]> features, int[] labels, long seed) {
        if (features.size() < FOLDS) {
            throw new IllegalArgumentException("need at least " + FOLDS + " labelled rows to cross-validate, got " + features.size());
        }
        int[] order = shuffled(features.size(), seed);
        double[] byLambda = new double[LAMBDAS.length];
        for (int l = 0; l < LAMBDAS.length; l++) {
            int correct = 0;
            for (int f = 0; f < FOLDS; f++) {
                int from = (int) ((long) f * order.length / FOLDS);
                int to = (int) ((long) (f + 1) * order.length / FOLDS);
                List<double[]> x = new ArrayList<>();
                List<Integer> y = new ArrayList<>();
                for (int i = 0; i < order.length; i++) {
                    if (i < from || i >= to) {
                        x.add(features.get(order[i]));
                        y.add(labels[order[i]]);
                    }
                }
                double[] w = fit(x, y.stream().mapToInt(Integer::intValue).toArray(), LAMBDAS[l]);
                for (int i = from; i < to; i++) {
                    correct += predict(w, features.get(order[i])) == labels[order[i]] ? 1 : 0;
                }
            }
            byLambda[l] = correct / (double) features.size();
        }
        int best = 0;
        for (int l = 1; l < LAMBDAS.length; l++) {
            best = byLambda[l] > byLambda[best] ? l : best;
        }
        double[] w = fit(features, labels, LAMBDAS[best]);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predict(w, features.get(i)) == labels[i] ? 1 : 0;
        }
        return new Result(w, LAMBDAS[best], byLambda[best], byLambda, correct / (double) labels.length);
    }

    /** Logistic regression as the pairwise fit of rows signed by their label (+x for harmful, −x otherwise). */
    static double[] fit(List<double[]> features, int[] labels, double lambda) {
        List<double[]> signed = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            double[] x = features.get(i).clone();
            if (labels[i] == 0) {
                for (int j = 0; j < x.length; j++) {
                    x[j] = -x[j];
                }
            }
            signed.add(x);
        }
        return PairwiseTrainer.fit(signed, lambda);
    }

    static int predict(double[] w, double[] x) {
        return PairwiseTrainer.sigmoid(PairwiseTrainer.dot(w, x)) >= TrainedJudge.THRESHOLD ? 1 : 0;
    }

    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
