package org.redteam.analysis;

import java.util.Arrays;

/**
 * The mean of a value within each group of attempts (the mean rating of each target, the success rate of each
 * target, …) kept as per-member sufficient statistics: for every (member, group) cell that has attempts, their
 * number and the sum of their values. A member-bootstrap resample gives every member a weight (how often it was
 * drawn), and the resampled mean of group g is Σ w·sum / Σ w·count over g's cells: O(cells) ≤ O(members × groups)
 * per resample, whatever the number of attempts. Attempts whose value is {@code NaN} or whose group is negative
 * are left out. Immutable; {@link #means} may be called from several threads.
 */
final class ClusteredMeans {
    private final int groups;
    private final int[] cellMember;
    private final int[] cellGroup;
    private final double[] cellCount;
    private final double[] cellSum;

    private ClusteredMeans(int groups, int[] cellMember, int[] cellGroup, double[] cellCount, double[] cellSum) {
        this.groups = groups;
        this.cellMember = cellMember;
        this.cellGroup = cellGroup;
        this.cellCount = cellCount;
        this.cellSum = cellSum;
    }

    /** Above this many (member, group) cells the cells are found by sorting instead of in a dense table. */
    private static final long DENSE_LIMIT = 1 << 22;

    /**
     * Cells of the attempts i = 0 … n − 1: attempt i belongs to member {@code member[i]} (0 ≤ m &lt; members) and
     * group {@code group[i]} (0 ≤ g &lt; groups; negative leaves it out; a null array puts every attempt in group 0)
     * and has the value {@code value[i]} ({@code NaN} leaves it out).
     */
    static ClusteredMeans of(int members, int groups, int[] member, int[] group, double[] value) {
        if ((long) members * groups > DENSE_LIMIT) {
            return sorted(groups, member, group, value);
        }
        double[] count = new double[members * groups];
        double[] sum = new double[members * groups];
        for (int i = 0; i < member.length; i++) {
            int g = group == null ? 0 : group[i];
            double v = value[i];
            if (g >= 0 && !Double.isNaN(v)) {
                int cell = member[i] * groups + g;
                count[cell]++;
                sum[cell] += v;
            }
        }
        int cells = 0;
        for (double c : count) {
            if (c > 0) {
                cells++;
            }
        }
        int[] cellMember = new int[cells];
        int[] cellGroup = new int[cells];
        double[] cellCount = new double[cells];
        double[] cellSum = new double[cells];
        int c = 0;
        for (int cell = 0; cell < count.length; cell++) {
            if (count[cell] > 0) {
                cellMember[c] = cell / groups;
                cellGroup[c] = cell % groups;
                cellCount[c] = count[cell];
                cellSum[c++] = sum[cell];
            }
        }
        return new ClusteredMeans(groups, cellMember, cellGroup, cellCount, cellSum);
    }

    private static ClusteredMeans sorted(int groups, int[] member, int[] group, double[] value) {
        long[] keyed = new long[member.length];
        int kept = 0;
        for (int i = 0; i < member.length; i++) {
            int g = group == null ? 0 : group[i];
            if (g >= 0 && !Double.isNaN(value[i])) {
                keyed[kept++] = ((long) member[i] * groups + g) << 31 | i;
            }
        }
        keyed = Arrays.copyOf(keyed, kept);
        Arrays.sort(keyed);
        int cells = 0;
        int[] cellMember = new int[kept];
        int[] cellGroup = new int[kept];
        double[] cellCount = new double[kept];
        double[] cellSum = new double[kept];
        long previous = -1;
        for (long k : keyed) {
            long cell = k >>> 31;
            if (cell != previous) {
                cellMember[cells] = (int) (cell / groups);
                cellGroup[cells] = (int) (cell % groups);
                cells++;
                previous = cell;
            }
            cellCount[cells - 1]++;
            cellSum[cells - 1] += value[(int) (k & Integer.MAX_VALUE)];
        }
        return new ClusteredMeans(groups, Arrays.copyOf(cellMember, cells), Arrays.copyOf(cellGroup, cells),
                Arrays.copyOf(cellCount, cells), Arrays.copyOf(cellSum, cells));
    }

    int groups() {
        return groups;
    }

    /** Attempts counted in each group (every member weighted 1). */
    long[] counts() {
        long[] counts = new long[groups];
        for (int c = 0; c < cellGroup.length; c++) {
            counts[cellGroup[c]] += (long) cellCount[c];
        }
        return counts;
    }

    /**
     * The mean of each group with member m counted {@code weights[m]} times, written to {@code out[offset …
     * offset + groups)}; {@code NaN} for a group without attempts under these weights. {@code scratch} holds at
     * least {@code 2 × groups} values.
     */
    void means(int[] weights, double[] out, int offset, double[] scratch) {
        Arrays.fill(scratch, 0, 2 * groups, 0);
        for (int c = 0; c < cellGroup.length; c++) {
            int w = weights[cellMember[c]];
            if (w != 0) {
                int g = cellGroup[c];
                scratch[g] += w * cellSum[c];
                scratch[groups + g] += w * cellCount[c];
            }
        }
        for (int g = 0; g < groups; g++) {
            double count = scratch[groups + g];
            out[offset + g] = count > 0 ? scratch[g] / count : Double.NaN;
        }
    }
}
