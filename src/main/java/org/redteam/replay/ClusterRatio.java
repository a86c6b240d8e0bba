package org.redteam.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.redteam.analysis.MemberBootstrap;

/**
 * Ratios of weighted sums for the cluster bootstrap: value v is Σ w[c]·num[v][c] / Σ w[c]·den[v][c] over the clusters
 * c, NaN when the denominator is 0. A success rate adds (harmful ? 1 : 0, decided ? 1 : 0) per item, a mean adds
 * (x, 1). Kept sparse: per value only the clusters that contributed.
 */
public final class ClusterRatio implements MemberBootstrap.Statistic {
    private final int[][] clusters;
    private final double[][] num;
    private final double[][] den;

    private ClusterRatio(int[][] clusters, double[][] num, double[][] den) {
        this.clusters = clusters;
        this.num = num;
        this.den = den;
    }

    @Override
    public int size() {
        return clusters.length;
    }

    @Override
    public MemberBootstrap.Evaluator evaluator() {
        return (weights, out, offset) -> {
            for (int v = 0; v < clusters.length; v++) {
                double sn = 0;
                double sd = 0;
                for (int i = 0; i < clusters[v].length; i++) {
                    int w = weights[clusters[v][i]];
                    sn += w * num[v][i];
                    sd += w * den[v][i];
                }
                out[offset + v] = sd == 0 ? Double.NaN : sn / sd;
            }
        };
    }

    /** Collects contributions: {@code add(value, cluster, num, den)} in any order, several per cluster. */
    public static final class Builder {
        private final List<int[]> clusters = new ArrayList<>();
        private final List<double[]> nums = new ArrayList<>();
        private final List<double[]> dens = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();

        public Builder(int values) {
            for (int v = 0; v < values; v++) {
                clusters.add(new int[8]);
                nums.add(new double[8]);
                dens.add(new double[8]);
                sizes.add(0);
            }
        }

        public void add(int value, int cluster, double num, double den) {
            int n = sizes.get(value);
            if (n == clusters.get(value).length) {
                clusters.set(value, Arrays.copyOf(clusters.get(value), n * 2));
                nums.set(value, Arrays.copyOf(nums.get(value), n * 2));
                dens.set(value, Arrays.copyOf(dens.get(value), n * 2));
            }
            clusters.get(value)[n] = cluster;
            nums.get(value)[n] = num;
            dens.get(value)[n] = den;
            sizes.set(value, n + 1);
        }

        /** Sums each value's contributions per cluster. */
        public ClusterRatio build() {
            int values = clusters.size();
            int[][] c = new int[values][];
            double[][] num = new double[values][];
            double[][] den = new double[values][];
            for (int v = 0; v < values; v++) {
                int n = sizes.get(v);
                int[] cs = clusters.get(v);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Integer.compare(cs[a], cs[b]));
                int[] outC = new int[n];
                double[] outN = new double[n];
                double[] outD = new double[n];
                int k = -1;
                for (int i = 0; i < n; i++) {
                    int at = order[i];
                    if (k < 0 || outC[k] != cs[at]) {
                        outC[++k] = cs[at];
                    }
                    outN[k] += nums.get(v)[at];
                    outD[k] += dens.get(v)[at];
                }
                c[v] = Arrays.copyOf(outC, k + 1);
                num[v] = Arrays.copyOf(outN, k + 1);
                den[v] = Arrays.copyOf(outD, k + 1);
            }
            return new ClusterRatio(c, num, den);
        }
    }
}
