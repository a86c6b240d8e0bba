package org.redteam.analysis.map;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means of 2-D points: k-means++ seeding from a seeded generator, then Lloyd's iterations until no
 * point moves. Clusters are numbered by size, largest first (ties: the earlier first point).
 */
final class KMeans {
    private static final int MAX_ITERATIONS = 300;

    private KMeans() {
    }

    /** The number of clusters for {@code n} points: √(n/50) rounded, within [4, 30], and at most n. */
    static int clusters(int n) {
        long k = Math.round(Math.sqrt(n / 50.0));
        return (int) Math.min(n, Math.max(4, Math.min(30, k)));
    }

    /** The cluster of each point, 0 … k−1 with no empty cluster when there are at least k distinct points. */
    static int[] assign(float[][] xy, int k, long seed) {
        int n = xy.length;
        if (n == 0) {
            return new int[0];
        }
        double[][] centres = seeds(xy, k, new SplittableRandom(seed));
        int[] cluster = new int[n];
        Arrays.fill(cluster, -1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                int best = nearest(xy[i], centres);
                if (best != cluster[i]) {
                    cluster[i] = best;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
            update(xy, cluster, centres);
        }
        return bySize(cluster, k);
    }

    /** k-means++: each next centre is a point drawn with probability ∝ squared distance to the nearest centre. */
    private static double[][] seeds(float[][] xy, int k, SplittableRandom random) {
        int n = xy.length;
        double[][] centres = new double[k][];
        centres[0] = point(xy[random.nextInt(n)]);
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], distance2(xy[i], centres[c - 1]));
                sum += d2[i];
            }
            int chosen = random.nextInt(n);
            if (sum > 0) {
                double target = random.nextDouble() * sum;
                for (int i = 0; i < n; i++) {
                    target -= d2[i];
                    if (target < 0 || i == n - 1) {
                        chosen = i;
                        break;
                    }
                }
            }
            centres[c] = point(xy[chosen]);
        }
        return centres;
    }

    /** Moves each centre to its points' mean; an empty cluster takes the point farthest from its centre. */
    private static void update(float[][] xy, int[] cluster, double[][] centres) {
        int k = centres.length;
        double[][] sums = new double[k][2];
        int[] counts = new int[k];
        for (int i = 0; i < xy.length; i++) {
            sums[cluster[i]][0] += xy[i][0];
            sums[cluster[i]][1] += xy[i][1];
            counts[cluster[i]]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                centres[c] = new double[] {sums[c][0] / counts[c], sums[c][1] / counts[c]};
            } else {
                int far = 0;
                double farthest = -1;
                for (int i = 0; i < xy.length; i++) {
                    double d = distance2(xy[i], centres[cluster[i]]);
                    if (d > farthest) {
                        farthest = d;
                        far = i;
                    }
                }
                centres[c] = point(xy[far]);
            }
        }
    }

    private static int[] bySize(int[] cluster, int k) {
        int[] counts = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < cluster.length; i++) {
            counts[cluster[i]]++;
            first[cluster[i]] = Math.min(first[cluster[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a])
                : Integer.compare(first[a], first[b]));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
        }
        int[] out = new int[cluster.length];
        for (int i = 0; i < cluster.length; i++) {
            out[i] = rank[cluster[i]];
        }
        return out;
    }

    private static int nearest(float[] p, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = distance2(p, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static double distance2(float[] p, double[] c) {
        double dx = p[0] - c[0];
        double dy = p[1] - c[1];
        return dx * dx + dy * dy;
    }

    private static double[] point(float[] p) {
        return new double[] {p[0], p[1]};
    }
}
