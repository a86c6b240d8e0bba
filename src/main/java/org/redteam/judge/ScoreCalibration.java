package org.redteam.judge;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * For judges with a score (higher = more likely harmful, as {@link Verdict#score()}) against binary labels
 * (1 = harmful): the ROC AUC and the threshold that best agrees with the labels. Pure functions.
 */
public final class ScoreCalibration {

    /** The judge says harmful when score ≥ {@code threshold}; {@code agreement} is then its accuracy. */
    public record Threshold(double threshold, double agreement) {
    }

    private ScoreCalibration() {
    }

    /**
     * ROC AUC by Mann–Whitney: the chance that a random harmful unit scores above a random harmless one, ties
     * counting half. With midranks R of all scores, AUC = (ΣR over harmful − n₁(n₁ + 1)/2) / (n₁ n₀);
     * {@code NaN} when either class is empty.
     */
    public static double auc(double[] scores, int[] labels) {
        check(scores, labels);
        double[] ranks = midranks(scores);
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = IntStream.range(0, labels.length).filter(i -> labels[i] == 1).mapToDouble(i -> ranks[i]).sum();
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Of the thresholds "harmful when score ≥ t" for t in the distinct scores and +∞ (never harmful), the one with
     * the highest accuracy; on a tie the smallest such t. {@code NaN} threshold and agreement with no units.
     */
    public static Threshold bestThreshold(double[] scores, int[] labels) {
        check(scores, labels);
        int n = scores.length;
        if (n == 0) {
            return new Threshold(Double.NaN, Double.NaN);
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> scores[i])).toArray(Integer[]::new);
        // at t = the smallest score every unit is called harmful: correct = the harmful ones
        long correct = Arrays.stream(labels).filter(l -> l == 1).count();
        double best = scores[order[0]];
        long bestCorrect = correct;
        for (int k = 0; k < n; ) {
            int start = k;
            while (k < n && scores[order[k]] == scores[order[start]]) {
                correct += labels[order[k]] == 1 ? -1 : 1; // these units move to "not harmful"
                k++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = k < n ? scores[order[k]] : Double.POSITIVE_INFINITY;
            }
        }
        return new Threshold(best, (double) bestCorrect / n);
    }

    /** Ranks 1…n of the scores, tied scores sharing the mean of their ranks. */
    static double[] midranks(double[] scores) {
        int n = scores.length;
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> scores[i])).toArray(Integer[]::new);
        double[] ranks = new double[n];
        for (int k = 0; k < n; ) {
            int start = k;
            while (k < n && scores[order[k]] == scores[order[start]]) {
                k++;
            }
            double mid = (start + 1 + k) / 2.0;
            for (int i = start; i < k; i++) {
                ranks[order[i]] = mid;
            }
        }
        return ranks;
    }

    private static void check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " and " + labels.length);
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN; leave units without a score out");
            }
        }
    }
}
