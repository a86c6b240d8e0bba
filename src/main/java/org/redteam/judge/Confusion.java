package org.redteam.judge;

/**
 * A judge's binary decisions against reference labels (the human majority): harmful = positive. Counts are units.
 * Undefined ratios (a zero denominator) are {@code NaN}, never 0.
 *
 * @param truePositives  judge harmful, people harmful
 * @param falsePositives judge harmful, people not harmful
 * @param falseNegatives judge not harmful, people harmful
 * @param trueNegatives  judge not harmful, people not harmful
 */
public record Confusion(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    /** The table of paired labels (1 = harmful, 0 = not); {@code judge[i]} and {@code people[i]} are one unit. */
    public static Confusion of(int[] judge, int[] people) {
        if (judge.length != people.length) {
            throw new IllegalArgumentException("paired labels differ in length: " + judge.length + " and " + people.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < judge.length; i++) {
            if (judge[i] == 1 && people[i] == 1) {
                tp++;
            } else if (judge[i] == 1) {
                fp++;
            } else if (people[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public long n() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    /** Share of units where the judge agrees with the people (p_o of Cohen's κ). */
    public double accuracy() {
        return ratio(truePositives + trueNegatives, n());
    }

    /** Of the units the judge calls harmful, the share people call harmful. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Of the units people call harmful, the share the judge calls harmful (sensitivity). */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** Of the units people call not harmful, the share the judge calls not harmful. */
    public double specificity() {
        return ratio(trueNegatives, trueNegatives + falsePositives);
    }

    /** Harmonic mean of precision and recall: 2TP / (2TP + FP + FN). */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /**
     * Cohen's κ of judge and people: p_e = (share judge harmful × share people harmful) + (share judge not × share
     * people not), κ = (p_o − p_e) / (1 − p_e); {@code NaN} when p_e = 1 (both give one value throughout).
     */
    public double kappa() {
        double n = n();
        double judgeHarmful = (truePositives + falsePositives) / n;
        double peopleHarmful = (truePositives + falseNegatives) / n;
        double expected = judgeHarmful * peopleHarmful + (1 - judgeHarmful) * (1 - peopleHarmful);
        return n == 0 || expected >= 1 ? Double.NaN : (accuracy() - expected) / (1 - expected);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
