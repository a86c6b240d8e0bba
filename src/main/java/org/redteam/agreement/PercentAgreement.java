package org.redteam.agreement;

/**
 * Raw pairwise percent agreement: for each unit with two or more values, the share of pairs of its values
 * (from different raters) that are equal; then the mean over those units. Not chance-corrected; shown next
 * to κ and α because it is what readers first ask for. Equals Fleiss' P̄ when every unit has the same number
 * of ratings.
 */
final class PercentAgreement {

    private PercentAgreement() {
    }

    /** The mean pairwise agreement; {@code NaN} when no unit has two values. */
    public static double of(Ratings ratings) {
        double sum = 0;
        int units = 0;
        for (int u = 0; u < ratings.unitCount(); u++) {
            double[] values = ratings.valuesOf(u);
            int m = values.length;
            if (m < 2) {
                continue;
            }
            int agreeing = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    agreeing += values[i] == values[j] ? 1 : 0;
                }
            }
            sum += agreeing / (m * (m - 1) / 2.0);
            units++;
        }
        return units == 0 ? Double.NaN : sum / units;
    }
}
