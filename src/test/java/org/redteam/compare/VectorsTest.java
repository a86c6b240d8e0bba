package org.redteam.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorsTest {

    private static float[][] random(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return v;
    }

    @Test
    void blockedMaximaEqualTheNaiveOnesAtEveryRaggedEdge() {
        int d = 13;
        for (int[] size : new int[][] {{37, 23}, {1, 1}, {4, 2}, {130, 259}, {5, 0}}) {
            float[] a = Vectors.unitRows(random(size[0], d, 1), d);
            float[] b = Vectors.unitRows(random(size[1], d, 2), d);
            float[][] max = Vectors.maxSimilarities(a, size[0], b, size[1], d);
            for (int i = 0; i < size[0]; i++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < size[1]; j++) {
                    best = Math.max(best, Vectors.dot(a, i * d, b, j * d, d));
                }
                assertThat((double) max[0][i]).as("row %d of %dx%d", i, size[0], size[1]).isCloseTo(best, within(1e-5));
            }
            for (int j = 0; j < size[1]; j++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < size[0]; i++) {
                    best = Math.max(best, Vectors.dot(a, i * d, b, j * d, d));
                }
                assertThat((double) max[1][j]).isCloseTo(best, within(1e-5));
            }
        }
    }

    @Test
    void meanPairwiseDistanceEqualsTheAverageOverPairs() {
        int n = 41;
        int d = 7;
        float[] u = Vectors.unitRows(random(n, d, 3), d);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += 1 - Vectors.dot(u, i * d, u, j * d, d);
            }
        }
        assertThat(Vectors.meanPairwiseDistance(u, n, d)).isCloseTo(sum / (n * (n - 1) / 2.0), within(1e-6));
        assertThat(Vectors.meanPairwiseDistance(u, 1, d)).isNaN();
    }

    @Test
    void kMeansSeparatesTwoObviousGroupsTheSameWayForASeed() {
        float[][] rows = new float[20][];
        for (int i = 0; i < 20; i++) {
            rows[i] = i < 10 ? new float[] {1, 0.01f * i} : new float[] {0.01f * i, 1};
        }
        float[] u = Vectors.unitRows(rows, 2);
        int[] c = Vectors.kMeans(u, 20, 2, 2, 5);
        for (int i = 1; i < 20; i++) {
            assertThat(c[i] == c[0]).as("row %d", i).isEqualTo(i < 10);
        }
        assertThat(Vectors.kMeans(u, 20, 2, 2, 5)).isEqualTo(c);
        assertThat(Vectors.clusters(38_961 + 10_000)).isEqualTo(30);
        assertThat(Vectors.clusters(6)).isEqualTo(4);
    }

    @Test
    void kMeansFitsOnASampleAndStillAssignsEveryRow() {
        int n = Vectors.SAMPLE + 500;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = i % 2 == 0 ? new float[] {1, 0.001f * (i % 7)} : new float[] {0.001f * (i % 7), 1};
        }
        float[] u = Vectors.unitRows(rows, 2);
        int[] c = Vectors.kMeans(u, n, 2, 2, 9);
        assertThat(c).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(c[i] == c[0]).as("row %d", i).isEqualTo(i % 2 == 0);
        }
    }
}
