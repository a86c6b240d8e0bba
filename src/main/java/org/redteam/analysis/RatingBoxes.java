package org.redteam.analysis;

import org.redteam.agreement.Bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Min harmlessness per self-rating bin (figure: rating against harmlessness): Tukey box plots. Quartiles are
 * R's type 7; whiskers reach the furthest value within 1.5 × IQR of the box; the mean comes with its
 * member-bootstrap interval.
 */
public final class RatingBoxes {

    /** One rating bin's scored attempts; all values {@code NaN} when {@code n} is 0. */
    public record Box(int rating, long n, double min, double q1, double median, double q3, double max,
                      double whiskerLow, double whiskerHigh, Bootstrap.Interval mean) {
    }

    private RatingBoxes() {
    }

    static List<Box> of(Attacks attacks, IntFunction<Bootstrap.Interval> meanOfBin) {
        double[][] values = new double[RatingHistogram.BINS][];
        int[] sizes = new int[RatingHistogram.BINS];
        for (int b = 0; b < values.length; b++) {
            values[b] = new double[16];
        }
        for (int i = 0; i < attacks.size(); i++) {
            double h = attacks.minHarmlessness(i);
            if (!Double.isNaN(h)) {
                int b = RatingHistogram.bin(attacks.rating(i));
                if (sizes[b] == values[b].length) {
                    values[b] = Arrays.copyOf(values[b], 2 * sizes[b]);
                }
                values[b][sizes[b]++] = h;
            }
        }
        List<Box> boxes = new ArrayList<>();
        for (int b = 0; b < values.length; b++) {
            boxes.add(box(b, Arrays.copyOf(values[b], sizes[b]), meanOfBin.apply(b)));
        }
        return boxes;
    }

    static Box box(int rating, double[] values, Bootstrap.Interval mean) {
        double[] v = values.clone();
        Arrays.sort(v);
        double q1 = Bootstrap.quantile(v, 0.25);
        double q3 = Bootstrap.quantile(v, 0.75);
        double reach = 1.5 * (q3 - q1);
        double low = Double.NaN;
        double high = Double.NaN;
        for (double x : v) {
            if (x >= q1 - reach && Double.isNaN(low)) {
                low = x;
            }
            if (x <= q3 + reach) {
                high = x;
            }
        }
        return new Box(rating, v.length, v.length == 0 ? Double.NaN : v[0], q1, Bootstrap.quantile(v, 0.5), q3,
                v.length == 0 ? Double.NaN : v[v.length - 1], low, high, mean);
    }
}
