package org.redteam.compare;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The vector arithmetic of {@code compare}, on unit vectors stored row by row in one {@code float[]} (n × d): the mean
 * pairwise cosine distance (exact, in O(n·d)), every row's highest cosine similarity to another set (blocked
 * brute force, both directions in one pass, parallel), and spherical k-means. Pure and deterministic.
 */
final class Vectors {
    /** Rows of the other set per tile: 128 × 384 floats stay in a core's L2 cache. */
    private static final int TILE = 128;
    private static final int ITERATIONS = 25;
    /** k-means fits its centres on at most this many rows (a seeded sample), then assigns every row once. */
    static final int SAMPLE = 10_000;

    private Vectors() {
    }

    /** The rows, each scaled to unit length (a zero row stays zero), flattened. */
    static float[] unitRows(float[][] rows, int d) {
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            double norm = 0;
            for (float x : rows[i]) {
                norm += (double) x * x;
            }
            double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (rows[i][j] * scale);
            }
        }
        return out;
    }

    /**
     * The mean of 1 − cos(u, v) over all unordered pairs of distinct rows of unit vectors: Σ_{i≠j} u_i·u_j equals
     * |Σ u_i|² − Σ |u_i|², so no pair is visited. NaN for fewer than 2 rows.
     */
    static double meanPairwiseDistance(float[] unit, int n, int d) {
        if (n < 2) {
            return Double.NaN;
        }
        double[] sum = new double[d];
        double squares = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double x = unit[i * d + j];
                sum[j] += x;
                squares += x * x;
            }
        }
        double total = 0;
        for (double s : sum) {
            total += s * s;
        }
        return 1 - (total - squares) / ((double) n * (n - 1));
    }

    /**
     * {@code [rowMax, colMax]}: for each row of {@code a} its highest dot product with a row of {@code b}, and for
     * each row of {@code b} its highest with a row of {@code a} (−∞ when the other set is empty). Blocks of 4 rows of
     * {@code a} against 2 rows of {@code b} at a time (8 independent sums), tiles of {@value #TILE} rows of
     * {@code b}, chunks of {@code a} in parallel, each with its own column maxima merged at the end.
     */
    static float[][] maxSimilarities(float[] a, int na, float[] b, int nb, int d) {
        float[] rowMax = new float[na];
        Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
        int chunks = Math.max(1, Math.min((na + 63) / 64, 4 * Runtime.getRuntime().availableProcessors()));
        int per = (na + chunks - 1) / Math.max(1, chunks);
        float[] colMax = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            float[] cols = new float[nb];
            Arrays.fill(cols, Float.NEGATIVE_INFINITY);
            block(a, Math.min(na, c * per), Math.min(na, (c + 1) * per), b, nb, d, rowMax, cols);
            return cols;
        }).reduce((x, y) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(x[i], y[i]);
            }
            return x;
        }).orElseGet(() -> {
            float[] none = new float[nb];
            Arrays.fill(none, Float.NEGATIVE_INFINITY);
            return none;
        });
        return new float[][] {rowMax, colMax};
    }

    private static void block(float[] a, int from, int to, float[] b, int nb, int d, float[] rowMax, float[] colMax) {
        for (int t0 = 0; t0 < nb; t0 += TILE) {
            int t1 = Math.min(nb, t0 + TILE);
            for (int i = from; i < to; i += 4) {
                int i0 = i * d;
                int i1 = Math.min(i + 1, to - 1) * d;
                int i2 = Math.min(i + 2, to - 1) * d;
                int i3 = Math.min(i + 3, to - 1) * d;
                int rows = Math.min(4, to - i);
                for (int j = t0; j < t1; j += 2) {
                    int j0 = j * d;
                    int j1 = Math.min(j + 1, t1 - 1) * d;
                    float s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
                    for (int k = 0; k < d; k++) {
                        float x0 = b[j0 + k];
                        float x1 = b[j1 + k];
                        float y0 = a[i0 + k];
                        float y1 = a[i1 + k];
                        float y2 = a[i2 + k];
                        float y3 = a[i3 + k];
                        s00 = Math.fma(y0, x0, s00);
                        s01 = Math.fma(y0, x1, s01);
                        s10 = Math.fma(y1, x0, s10);
                        s11 = Math.fma(y1, x1, s11);
                        s20 = Math.fma(y2, x0, s20);
                        s21 = Math.fma(y2, x1, s21);
                        s30 = Math.fma(y3, x0, s30);
                        s31 = Math.fma(y3, x1, s31);
                    }
                    int cols = Math.min(2, t1 - j);
                    float[] s = {s00, s01, s10, s11, s20, s21, s30, s31};
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            float v = s[2 * r + c];
                            if (v > rowMax[i + r]) {
                                rowMax[i + r] = v;
                            }
                            if (v > colMax[j + c]) {
                                colMax[j + c] = v;
                            }
                        }
                    }
                }
            }
        }
    }

    /** √(n/50) rounded, within [4, 30] and at most n: the attack map's number of clusters. */
    static int clusters(int n) {
        long k = Math.round(Math.sqrt(n / 50.0));
        return (int) Math.min(n, Math.max(4, Math.min(30, k)));
    }

    /**
     * Spherical k-means of unit rows: k-means++ seeding (cosine distance, seeded), then assignment to the centre of
     * highest dot product and re-normalised means until nothing moves or {@value #ITERATIONS} rounds, fitted on a seeded
     * sample of {@value #SAMPLE} rows when there are more; then every row goes to its nearest centre. The cluster of
     * each row, 0 … k−1.
     */
    static int[] kMeans(float[] unit, int n, int d, int k, long seed) {
        if (n == 0 || k < 1) {
            return new int[n];
        }
        if (n > SAMPLE) {
            int[] rows = new SplittableRandom(seed).ints(0, n).distinct().limit(SAMPLE).sorted().toArray();
            float[] sample = new float[SAMPLE * d];
            for (int i = 0; i < SAMPLE; i++) {
                System.arraycopy(unit, rows[i] * d, sample, i * d, d);
            }
            float[] centres = centres(sample, SAMPLE, d, Math.min(k, SAMPLE), seed);
            return assign(unit, n, d, centres, Math.min(k, SAMPLE));
        }
        int kk = Math.min(k, n);
        return assign(unit, n, d, centres(unit, n, d, kk, seed), kk);
    }

    private static int[] assign(float[] unit, int n, int d, float[] cs, int kk) {
        return IntStream.range(0, n).parallel().map(i -> {
            int best = 0;
            double bestDot = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < kk; c++) {
                double v = dot(unit, i * d, cs, c * d, d);
                if (v > bestDot) {
                    bestDot = v;
                    best = c;
                }
            }
            return best;
        }).toArray();
    }

    /** The fitted centres of spherical k-means (see {@link #kMeans}). */
    private static float[] centres(float[] unit, int n, int d, int k, long seed) {
        int[] cluster = new int[n];
        float[] centres = new float[k * d];
        SplittableRandom random = new SplittableRandom(seed);
        System.arraycopy(unit, random.nextInt(n) * d, centres, 0, d);
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            int last = c - 1;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double dist = Math.max(0, 1 - dot(unit, i * d, centres, last * d, d));
                nearest[i] = Math.min(nearest[i], dist);
                total += nearest[i];
            }
            int pick = random.nextInt(n);
            if (total > 0) {
                double r = random.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    r -= nearest[i];
                    if (r <= 0) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(unit, pick * d, centres, c * d, d);
        }
        Arrays.fill(cluster, -1);
        int kk = k;
        for (int round = 0; round < ITERATIONS; round++) {
            float[] cs = centres;
            int[] next = assign(unit, n, d, cs, kk);
            if (Arrays.equals(next, cluster)) {
                break;
            }
            cluster = next;
            double[] sums = new double[k * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    sums[cluster[i] * d + j] += unit[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    norm += sums[c * d + j] * sums[c * d + j];
                }
                if (norm > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c * d + j] = (float) (sums[c * d + j] / Math.sqrt(norm));
                    }
                }
            }
        }
        return centres;
    }

    static double dot(float[] x, int xi, float[] y, int yi, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += x[xi + k] * y[yi + k];
            s1 += x[xi + k + 1] * y[yi + k + 1];
            s2 += x[xi + k + 2] * y[yi + k + 2];
            s3 += x[xi + k + 3] * y[yi + k + 3];
        }
        for (; k < d; k++) {
            s0 += x[xi + k] * y[yi + k];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
