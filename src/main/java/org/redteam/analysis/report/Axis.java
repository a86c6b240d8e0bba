package org.redteam.analysis.report;

import java.util.ArrayList;
import java.util.List;

/** Maps data values to pixels on a linear or base-10 logarithmic scale, and picks round tick values. */
record Axis(double min, double max, double from, double to, boolean log) {

    Axis {
        if (!(max > min)) {
            double centre = Double.isFinite(min) ? min : 0;
            double pad = log ? centre / 3 : Math.max(Math.abs(centre) * 0.1, 0.5);
            min = centre - pad;
            max = centre + pad * (log ? 8 : 1);
        }
    }

    double at(double value) {
        double t = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return from + t * (to - from);
    }

    /** Round values (1, 2 or 5 × 10^k apart) from min to max, about {@code count} of them. */
    List<Double> ticks(int count) {
        double raw = (max - min) / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }
}
