package org.redteam.analysis.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.Clusterable;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.KMeansPlusPlusClusterer.EmptyClusterStrategy;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/**
 * k-means of 2-D points by Hipparchus' {@link KMeansPlusPlusClusterer}: k-means++ seeding from a seeded
 * generator, then Lloyd's iterations until no point moves (at most {@value #MAX_ITERATIONS}); an empty cluster
 * takes the point farthest from its centre. Clusters are numbered by size, largest first (ties: the earlier
 * first point). The same points, k and seed give the same clusters.
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

    /**
     * The cluster of each point, 0 … k−1 with no empty cluster when there are at least k distinct points (with
     * fewer than k points, at most one cluster per point).
     */
    static int[] assign(float[][] xy, int k, long seed) {
        int n = xy.length;
        if (n == 0) {
            return new int[0];
        }
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Point(i, new double[] {xy[i][0], xy[i][1]}));
        }
        KMeansPlusPlusClusterer<Point> kMeans = new KMeansPlusPlusClusterer<>(Math.min(k, n), MAX_ITERATIONS,
                new EuclideanDistance(), new Well19937c(seed), EmptyClusterStrategy.FARTHEST_POINT);
        List<CentroidCluster<Point>> found = kMeans.cluster(points);
        int[] cluster = new int[n];
        for (int c = 0; c < found.size(); c++) {
            for (Point p : found.get(c).getPoints()) {
                cluster[p.index()] = c;
            }
        }
        return bySize(cluster, k);
    }

    private record Point(int index, double[] xy) implements Clusterable {
        @Override
        public double[] getPoint() {
            return xy;
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
}
