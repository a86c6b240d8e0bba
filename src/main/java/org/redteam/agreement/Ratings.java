package org.redteam.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.redteam.problem.InvalidInputException;

/**
 * A reliability table: units (what was rated, e.g. one attempt) × raters, each cell a numeric value or missing.
 * Nominal data are category codes (any numbers; only equality matters). Unit and rater ids keep the order of
 * their first appearance. Immutable; a resampled table (see {@link #select}) may hold the same unit more than
 * once, under the same id.
 */
public final class Ratings {
    private final List<String> units;
    private final List<String> raters;
    /** values[unit][rater]; NaN = missing. Rows are never written after construction and may be shared. */
    private final double[][] values;

    private Ratings(List<String> units, List<String> raters, double[][] values) {
        this.units = List.copyOf(units);
        this.raters = List.copyOf(raters);
        this.values = values;
    }

    /** Collects (unit, rater, value) triples; a second value for the same (unit, rater) is an error. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A table from rows = units, columns = raters, {@code NaN} = missing; units are named "1", "2", … and
     * raters "r1", "r2", ….
     */
    public static Ratings ofMatrix(double[][] unitsByRaters) {
        Builder b = builder();
        for (int u = 0; u < unitsByRaters.length; u++) {
            for (int r = 0; r < unitsByRaters[u].length; r++) {
                double v = unitsByRaters[u][r];
                if (Double.isNaN(v)) {
                    b.addMissing(String.valueOf(u + 1), "r" + (r + 1));
                } else {
                    b.add(String.valueOf(u + 1), "r" + (r + 1), v);
                }
            }
        }
        return b.build();
    }

    public int unitCount() {
        return units.size();
    }

    public int raterCount() {
        return raters.size();
    }

    public List<String> units() {
        return units;
    }

    public List<String> raters() {
        return raters;
    }

    /** The value of unit {@code u} by rater {@code r} (indices), {@code NaN} when missing. */
    public double value(int u, int r) {
        return values[u][r];
    }

    /** The non-missing values of unit {@code u}, in rater order. */
    public double[] valuesOf(int u) {
        return Arrays.stream(values[u]).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** How many values are present (not missing) in the whole table. */
    public int valueCount() {
        int n = 0;
        for (double[] row : values) {
            for (double v : row) {
                n += Double.isNaN(v) ? 0 : 1;
            }
        }
        return n;
    }

    /** The distinct values present, ascending. */
    public double[] categories() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
    }

    /** The table of the given units, in the given order; an index may repeat (bootstrap resamples). */
    public Ratings select(int[] unitIndices) {
        double[][] rows = new double[unitIndices.length][];
        List<String> ids = new ArrayList<>(unitIndices.length);
        for (int i = 0; i < unitIndices.length; i++) {
            rows[i] = values[unitIndices[i]];
            ids.add(units.get(unitIndices[i]));
        }
        return new Ratings(ids, raters, rows);
    }

    /** Value ≥ threshold → 1, otherwise 0; missing stays missing. E.g. attack success 0–4 at 3: "succeeded". */
    public Ratings binarize(double threshold) {
        return map(v -> v >= threshold ? 1 : 0);
    }

    /** Value equal to {@code category} → 1, any other value → 0 (one category against the rest); missing stays missing. */
    public Ratings indicator(double category) {
        return map(v -> v == category ? 1 : 0);
    }

    private Ratings map(DoubleUnaryOperator f) {
        double[][] mapped = new double[values.length][];
        for (int u = 0; u < values.length; u++) {
            mapped[u] = Arrays.stream(values[u]).map(v -> Double.isNaN(v) ? v : f.applyAsDouble(v)).toArray();
        }
        return new Ratings(units, raters, mapped);
    }

    /** Collects triples. Ids are taken as given, not trimmed: "a" and "a " are different raters. */
    public static final class Builder {
        private final Map<String, Integer> units = new LinkedHashMap<>();
        private final Map<String, Integer> raters = new LinkedHashMap<>();
        private final Map<Integer, Map<Integer, Double>> cells = new LinkedHashMap<>();

        private Builder() {
        }

        /** A value; it must be finite. */
        public Builder add(String unit, String rater, double value) {
            if (!Double.isFinite(value)) {
                throw new InvalidInputException("rating of unit '" + unit + "' by rater '" + rater + "' is not a finite number: " + value);
            }
            return put(unit, rater, value);
        }

        /** The rater saw the unit and gave no value; the rater and unit still count as present. */
        public Builder addMissing(String unit, String rater) {
            return put(unit, rater, Double.NaN);
        }

        /** Whether (unit, rater) already has a value or a missing mark. */
        public boolean contains(String unit, String rater) {
            Integer u = units.get(unit);
            Integer r = raters.get(rater);
            return u != null && r != null && cells.get(u).containsKey(r);
        }

        private Builder put(String unit, String rater, double value) {
            if (unit == null || unit.isEmpty() || rater == null || rater.isEmpty()) {
                throw new InvalidInputException("a rating needs a unit and a rater id, got unit '" + unit + "', rater '" + rater + "'");
            }
            if (contains(unit, rater)) {
                throw new InvalidInputException("unit '" + unit + "' is rated twice by rater '" + rater + "'");
            }
            int u = units.computeIfAbsent(unit, k -> units.size());
            int r = raters.computeIfAbsent(rater, k -> raters.size());
            cells.computeIfAbsent(u, k -> new LinkedHashMap<>()).put(r, value);
            return this;
        }

        public Ratings build() {
            double[][] values = new double[units.size()][raters.size()];
            for (double[] row : values) {
                Arrays.fill(row, Double.NaN);
            }
            cells.forEach((u, row) -> row.forEach((r, v) -> values[u][r] = v));
            return new Ratings(new ArrayList<>(units.keySet()), new ArrayList<>(raters.keySet()), values);
        }
    }
}
