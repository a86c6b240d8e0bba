package org.redteam.analysis;

import java.util.Arrays;

/**
 * Spearman's rank correlation ρ of paired values, ties at their mid-rank (the mean of the ranks they share),
 * computed as Pearson's r of the ranks: the definition that stays right with ties, unlike 1 − 6Σd²/(n(n² − 1)).
 *
 * <p>For the member bootstrap every pair belongs to a member, and a resample gives member m a weight w (the
 * times it was drawn): a pair of weight w counts as w identical pairs, which is exactly the data of the drawn
 * members. Here, once, each value is replaced by the number of its tie group (groups numbered in ascending order
 * of value), the pairs are put in order of y, and the pairs per (member, x group) are counted. A resample then
 * gets the weight of every x group from those counts, and the x mid-ranks from the weights (a group's mid-rank =
 * the weight of all smaller groups + (its weight + 1) / 2); one pass over the pairs in order of y finds each y
 * group's weight and mid-rank with a running total and accumulates the moments. No sorting, O(pairs) per
 * resample. Immutable; {@link #rho(int[], double[])} may run on several threads, each with its own scratch.
 */
final class Spearman {
    /** Per pair, in order of y: its member and x group. */
    private final int[] member;
    private final int[] xGroup;
    /** The pairs of y group g are member[yStart[g] … yStart[g + 1]). */
    private final int[] yStart;
    private final int xGroups;
    /** Pairs per (member, x group) cell, for the x-group weights. */
    private final int[] cellMember;
    private final int[] cellGroup;
    private final int[] cellCount;

    private Spearman(int[] member, int[] xGroup, int[] yStart, int xGroups, int[][] cells) {
        this.member = member;
        this.xGroup = xGroup;
        this.yStart = yStart;
        this.xGroups = xGroups;
        this.cellMember = cells[0];
        this.cellGroup = cells[1];
        this.cellCount = cells[2];
    }

    /** Pairs (x[i], y[i]) of member {@code member[i]} (0 ≤ member &lt; 2^31 / groups of x). */
    static Spearman of(double[] x, double[] y, int[] member) {
        int n = x.length;
        if (y.length != n || member.length != n) {
            throw new IllegalArgumentException("x, y and member must have the same length");
        }
        double[] xDistinct = distinct(x);
        double[] yDistinct = distinct(y);
        long[] byY = new long[n];
        for (int i = 0; i < n; i++) {
            byY[i] = (long) group(yDistinct, y[i]) << 32 | i;
        }
        Arrays.sort(byY);
        int[] sortedMember = new int[n];
        int[] xGroup = new int[n];
        int[] yStart = new int[yDistinct.length + 1];
        for (int k = 0; k < n; k++) {
            int i = (int) byY[k];
            sortedMember[k] = member[i];
            xGroup[k] = group(xDistinct, x[i]);
            yStart[(int) (byY[k] >>> 32) + 1]++;
        }
        for (int g = 0; g < yDistinct.length; g++) {
            yStart[g + 1] += yStart[g];
        }
        return new Spearman(sortedMember, xGroup, yStart, xDistinct.length, cells(sortedMember, xGroup, xDistinct.length));
    }

    /** {member, x group, pairs} of every non-empty (member, x group) cell. */
    private static int[][] cells(int[] member, int[] xGroup, int xGroups) {
        long[] keys = new long[member.length];
        for (int k = 0; k < member.length; k++) {
            keys[k] = (long) member[k] * xGroups + xGroup[k];
        }
        Arrays.sort(keys);
        int[][] cells = new int[3][keys.length];
        int c = -1;
        for (int k = 0; k < keys.length; k++) {
            if (k == 0 || keys[k] != keys[k - 1]) {
                c++;
                cells[0][c] = (int) (keys[k] / xGroups);
                cells[1][c] = (int) (keys[k] % xGroups);
            }
            cells[2][c]++;
        }
        for (int a = 0; a < 3; a++) {
            cells[a] = Arrays.copyOf(cells[a], c + 1);
        }
        return cells;
    }

    /** The distinct values, ascending; -0.0 counts as 0.0. */
    private static double[] distinct(double[] values) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = values[i] + 0.0;
        }
        Arrays.sort(sorted);
        int d = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (d == 0 || sorted[i] != sorted[d - 1]) {
                sorted[d++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, d);
    }

    private static int group(double[] distinct, double value) {
        return Arrays.binarySearch(distinct, value + 0.0);
    }

    int pairs() {
        return member.length;
    }

    /** Scratch values {@link #rho(int[], double[])} needs. */
    int scratchSize() {
        return xGroups;
    }

    /** ρ of all pairs once each; {@code NaN} when x or y is constant or there are no pairs. */
    double rho() {
        int members = Arrays.stream(member).max().orElse(-1) + 1;
        int[] ones = new int[members];
        Arrays.fill(ones, 1);
        return rho(ones, new double[scratchSize()]);
    }

    /** ρ with member m's pairs counted {@code weights[m]} times; {@code scratch} holds {@link #scratchSize()} values. */
    double rho(int[] weights, double[] scratch) {
        double[] dx = scratch; // first the weight of each x group, then its mid-rank minus the mean rank
        Arrays.fill(dx, 0);
        for (int c = 0; c < cellCount.length; c++) {
            dx[cellGroup[c]] += (double) weights[cellMember[c]] * cellCount[c];
        }
        double total = 0;
        for (int g = 0; g < xGroups; g++) {
            double weight = dx[g];
            dx[g] = total + (weight + 1) / 2;
            total += weight;
        }
        double mean = (total + 1) / 2; // the mean of the ranks 1 … total, ties or not
        for (int g = 0; g < xGroups; g++) {
            dx[g] -= mean;
        }
        double sxx = xSquares(weights, dx);
        double sxy = 0;
        double syy = 0;
        double before = 0;
        for (int g = 0; g + 1 < yStart.length; g++) {
            double weight = 0;
            double cross = 0;
            for (int k = yStart[g]; k < yStart[g + 1]; k++) {
                int w = weights[member[k]];
                weight += w;
                cross += w * dx[xGroup[k]];
            }
            double dy = before + (weight + 1) / 2 - mean;
            sxy += dy * cross;
            syy += weight * dy * dy;
            before += weight;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** Σ w·(x mid-rank − mean)² over the pairs, from the cells. */
    private double xSquares(int[] weights, double[] dx) {
        double sum = 0;
        for (int c = 0; c < cellCount.length; c++) {
            double d = dx[cellGroup[c]];
            sum += (double) weights[cellMember[c]] * cellCount[c] * d * d;
        }
        return sum;
    }
}
