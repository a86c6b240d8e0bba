package org.redteam.analysis.map;

import tagbio.umap.ProgressState;
import tagbio.umap.Umap;
import tagbio.umap.UmapProgress;

/**
 * Unit vectors to 2-D with UMAP (external-umap-java), euclidean: on unit vectors it ranks neighbours
 * as cosine does, and this library's {@code setMetric("cosine")} crashes. One thread: with more, its
 * parallel neighbour descent gives different maps for the same seed (measured; docs/attack-map.md).
 */
final class Layout {

    /** The 2-D coordinates, in input order. */
    record Result(float[][] xy, long millis) {
    }

    private Layout() {
    }

    static Result of(float[][] vectors, int neighbours, long seed, ProgressListener progress) {
        long t0 = System.nanoTime();
        int n = vectors.length;
        if (n <= 2) {
            float[][] xy = new float[n][2];
            if (n == 2) {
                xy[0][0] = -1;
                xy[1][0] = 1;
            }
            return new Result(xy, 0);
        }
        Umap umap = new Umap().setNumberComponents(2).setNumberNearestNeighbours(Math.min(neighbours, n - 1))
                .setMetric("euclidean").setThreads(1).setSeed(seed);
        // The library reports progress through a static registry: a concurrent build would see ours too.
        tagbio.umap.ProgressListener relay = (ProgressState s) -> progress.layout(s.getCount(), s.getTotal());
        UmapProgress.addProgressListener(relay);
        try {
            return new Result(umap.fitTransform(vectors), (System.nanoTime() - t0) / 1_000_000);
        } finally {
            UmapProgress.removeProgressListener(relay);
        }
    }
}
