package org.redteam.analysis.map;

import java.util.List;

/**
 * A 2-D map of attacks: embedding → UMAP → k-means, clusters named by c-TF-IDF terms.
 *
 * @param points        in input order
 * @param clusters      indexed by {@link MapPoint#cluster()}, largest first
 * @param embedder      the embedding model's name (part of the cache key)
 * @param neighbours    UMAP's number of nearest neighbours
 * @param seed          seed of UMAP and k-means; the same inputs and seed give the same map
 * @param embedMillis   time to get every vector, from the cache or the model
 * @param umapMillis    time of UMAP
 * @param cachedTexts   distinct texts whose vectors came from the cache
 * @param embeddedTexts distinct texts run through the model in this build (0 when all were cached)
 */
public record AttackMap(List<MapPoint> points, List<Cluster> clusters, String embedder, int neighbours, long seed,
                        long embedMillis, long umapMillis, int cachedTexts, int embeddedTexts) {

    /** Labels are cut to this many characters (then "…"). */
    public static final int LABEL_CHARS = 300;

    public AttackMap {
        points = List.copyOf(points);
        clusters = List.copyOf(clusters);
    }

    /**
     * A k-means cluster of the 2-D map.
     *
     * @param id    its index in {@link AttackMap#clusters()}
     * @param terms its most distinctive terms by c-TF-IDF, best first (up to 5; fewer for tiny clusters)
     * @param x, y  centroid on the map, where its label is drawn
     */
    public record Cluster(int id, int size, List<String> terms, float x, float y) {
        public Cluster {
            terms = List.copyOf(terms);
        }

        /** The terms joined for display, e.g. "lock · pick · door". */
        public String name() {
            return String.join(" · ", terms);
        }
    }
}
