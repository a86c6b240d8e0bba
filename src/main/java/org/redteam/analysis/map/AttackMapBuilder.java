package org.redteam.analysis.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link AttackMap}: vectors (cached on disk by content hash), UMAP to 2-D, k-means
 * on the map, clusters named by c-TF-IDF. The same inputs, embedder and seed give the same map.
 * Runs on the calling thread (the embedder uses its own).
 */
public final class AttackMapBuilder {
    /** UMAP's neighbours, as in the UMAP paper's and BERTopic's default. */
    public static final int NEIGHBOURS = 15;
    /** Terms that name a cluster. */
    public static final int TERMS = 5;

    private final EmbedderSource embedder;
    private final int neighbours;

    public AttackMapBuilder(EmbedderSource embedder) {
        this(embedder, NEIGHBOURS);
    }

    public AttackMapBuilder(EmbedderSource embedder, int neighbours) {
        if (neighbours < 2) {
            throw new IllegalArgumentException("UMAP needs at least 2 neighbours, got " + neighbours);
        }
        this.embedder = embedder;
        this.neighbours = neighbours;
    }

    /**
     * @param cacheDir where the embedding cache file lives (created when missing); null for no cache
     * @param seed     UMAP's and k-means' seed
     */
    public AttackMap build(List<MapInput> inputs, Path cacheDir, long seed, ProgressListener progress) {
        List<String> texts = inputs.stream().map(MapInput::text).toList();
        CachedEmbeddings.Result vectors = CachedEmbeddings.vectors(texts, embedder, cacheDir, progress);
        Layout.Result layout = Layout.of(unit(vectors.vectors()), neighbours, seed, progress);
        float[][] xy = layout.xy();
        int k = KMeans.clusters(inputs.size());
        int[] cluster = KMeans.assign(xy, k, seed);
        List<List<String>> terms = ClusterTerms.top(texts, cluster, k, TERMS);
        List<MapPoint> points = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            MapInput in = inputs.get(i);
            points.add(new MapPoint(in.id(), xy[i][0], xy[i][1], cluster[i], in.modelType(), in.numParams(),
                    in.minHarmlessness(), label(in.text())));
        }
        return new AttackMap(points, clusters(xy, cluster, k, terms), embedder.name(), neighbours, seed,
                vectors.millis(), layout.millis(), vectors.cachedTexts(), vectors.embeddedTexts());
    }

    /** The non-empty clusters (k-means numbers them by size, so empty ones come last). */
    private static List<AttackMap.Cluster> clusters(float[][] xy, int[] cluster, int k, List<List<String>> terms) {
        int[] size = new int[k];
        double[][] sum = new double[k][2];
        for (int i = 0; i < cluster.length; i++) {
            size[cluster[i]]++;
            sum[cluster[i]][0] += xy[i][0];
            sum[cluster[i]][1] += xy[i][1];
        }
        List<AttackMap.Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < k && size[c] > 0; c++) {
            clusters.add(new AttackMap.Cluster(c, size[c], terms.get(c), (float) (sum[c][0] / size[c]),
                    (float) (sum[c][1] / size[c])));
        }
        return clusters;
    }

    /** The vectors scaled to length 1 (copies only where needed; MiniLM's already are), zero vectors kept. */
    static float[][] unit(float[][] vectors) {
        float[][] unit = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            double sum = 0;
            for (float x : vectors[i]) {
                sum += x * x;
            }
            double norm = Math.sqrt(sum);
            unit[i] = norm == 0 || Math.abs(norm - 1) < 1e-5 ? vectors[i] : scaled(vectors[i], (float) (1 / norm));
        }
        return unit;
    }

    private static float[] scaled(float[] v, float factor) {
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * factor;
        }
        return out;
    }

    /** Whitespace runs made single spaces, cut to {@link AttackMap#LABEL_CHARS} characters on a code point. */
    static String label(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= AttackMap.LABEL_CHARS) {
            return flat;
        }
        int end = AttackMap.LABEL_CHARS;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end).stripTrailing() + "…";
    }
}
