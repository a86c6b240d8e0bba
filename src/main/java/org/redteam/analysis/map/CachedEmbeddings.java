package org.redteam.analysis.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redteam.scoring.Embedder;

/** Vectors for texts: each distinct text once, from the cache when there, else from the embedder. */
final class CachedEmbeddings {
    /** Texts per embedder call: the granularity of progress and of appends to the cache. */
    static final int BATCH = 128;

    /** One vector per input text (duplicates share an array; do not modify), and where they came from. */
    record Result(float[][] vectors, int cachedTexts, int embeddedTexts, long millis) {
    }

    private CachedEmbeddings() {
    }

    static Result vectors(List<String> texts, EmbedderSource source, Path cacheDir, ProgressListener progress) {
        long t0 = System.nanoTime();
        Map<String, EmbeddingCache.Key> distinct = new LinkedHashMap<>();
        for (String text : texts) {
            distinct.computeIfAbsent(text, t -> EmbeddingCache.key(source.name(), t));
        }
        EmbeddingCache cache = EmbeddingCache.open(cacheDir, source.name(), source.dimension(),
                new HashSet<>(distinct.values()), progress);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, EmbeddingCache.Key> e : distinct.entrySet()) {
            if (cache.get(e.getValue()) == null) {
                missing.add(e.getKey());
            }
        }
        if (!missing.isEmpty()) {
            embed(missing, distinct, cache, source, progress);
        }
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = cache.get(distinct.get(texts.get(i)));
        }
        return new Result(vectors, distinct.size() - missing.size(), missing.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static void embed(List<String> missing, Map<String, EmbeddingCache.Key> keys, EmbeddingCache cache,
                              EmbedderSource source, ProgressListener progress) {
        progress.embedded(0, missing.size());
        Embedder embedder = source.loader().get();
        try {
            for (int from = 0; from < missing.size(); from += BATCH) {
                List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
                List<float[]> vectors = embedder.embed(batch);
                cache.put(batch.stream().map(keys::get).toList(), vectors);
                progress.embedded(from + batch.size(), missing.size());
            }
        } finally {
            if (embedder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    progress.warning("closing the embedder " + source.name() + " failed: " + e.getMessage());
                }
            }
        }
    }
}
