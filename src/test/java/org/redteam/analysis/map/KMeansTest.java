package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {

    @Test
    void choosesKFromTheSquareRootOfNOver50() {
        // √(100/50) = 1.4 → 4 (floor); √(5000/50) = 10; √(38961/50) = 27.9 → 28; √(10^5/50) = 44.7 → 30 (ceiling)
        assertThat(KMeans.clusters(100)).isEqualTo(4);
        assertThat(KMeans.clusters(5_000)).isEqualTo(10);
        assertThat(KMeans.clusters(38_961)).isEqualTo(28);
        assertThat(KMeans.clusters(100_000)).isEqualTo(30);
        assertThat(KMeans.clusters(3)).isEqualTo(3);
    }

    @Test
    void findsThreeBlobsAndNumbersThemBySize() {
        float[][] xy = new float[60][];
        Random random = new Random(3);
        float[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        int[] sizes = {10, 30, 20};
        int i = 0;
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < sizes[b]; j++) {
                xy[i++] = new float[] {centres[b][0] + (float) random.nextGaussian(), centres[b][1] + (float) random.nextGaussian()};
            }
        }

        int[] cluster = KMeans.assign(xy, 3, 5);

        for (int j = 0; j < 10; j++) {
            assertThat(cluster[j]).isEqualTo(2);
        }
        for (int j = 10; j < 40; j++) {
            assertThat(cluster[j]).isEqualTo(0);
        }
        for (int j = 40; j < 60; j++) {
            assertThat(cluster[j]).isEqualTo(1);
        }
        assertThat(KMeans.assign(xy, 3, 5)).containsExactly(cluster);
    }

    @Test
    void copesWithFewerDistinctPointsThanClusters() {
        float[][] xy = {{1, 1}, {1, 1}, {1, 1}, {2, 2}};

        int[] cluster = KMeans.assign(xy, 4, 1);

        assertThat(cluster[0]).isEqualTo(cluster[1]).isEqualTo(cluster[2]);
        assertThat(cluster[3]).isNotEqualTo(cluster[0]);
        assertThat(cluster).containsOnly(0, 1);
    }
}
