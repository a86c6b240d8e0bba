package org.redteam.judge;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How a judge's decisions compare with people's labels (1 = harmful): the confusion counts, accuracy,
 * precision, recall, F1, and, where the judge gives scores, ROC AUC (the Mann–Whitney statistic, ties counted
 * half). Intervals are Wilson 95 % score intervals on each proportion's own denominator.
 */
public record JudgeMetrics(int truePositives, int falsePositives, int trueNegatives, int falseNegatives, OptionalDouble auc) {
    static final double Z95 = 1.959963984540054;

    /** @param scores the judge's scores, or null when it gives none */
    public static JudgeMetrics of(int[] labels, int[] decisions, double[] scores) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.length; i++) {
            if (decisions[i] == 1) {
                tp += labels[i];
                fp += 1 - labels[i];
            } else {
                fn += labels[i];
                tn += 1 - labels[i];
            }
        }
        return new JudgeMetrics(tp, fp, tn, fn, scores == null ? OptionalDouble.empty() : auc(labels, scores));
    }

    public int n() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public double accuracy() {
        return ratio(truePositives + trueNegatives, n());
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double[] accuracyInterval() {
        return wilson(truePositives + trueNegatives, n());
    }

    public double[] precisionInterval() {
        return wilson(truePositives, truePositives + falsePositives);
    }

    public double[] recallInterval() {
        return wilson(truePositives, truePositives + falseNegatives);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }

    /** Wilson's score interval for k successes in n at 95 %; [0, 1] when n = 0. */
    static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = k / (double) n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** P(score of a harmful row > score of a harmless one), ties half; empty without both classes. */
    static OptionalDouble auc(int[] labels, double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives));
    }
}
