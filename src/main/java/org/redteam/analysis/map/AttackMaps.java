package org.redteam.analysis.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.redteam.release.ReleasedRecord;
import org.redteam.scoring.OnnxEmbedder;

/** The entry point for commands: the attack map with the default embedder (all-MiniLM-L6-v2, quantized). */
public final class AttackMaps {
    /** The seed of the map when the user gives none. */
    public static final long DEFAULT_SEED = 42;

    private AttackMaps() {
    }

    /**
     * The map of {@code inputs}, embedded with {@link OnnxEmbedder#MINILM_L6_Q} on all cores (the model
     * is loaded only when some text is not in the cache).
     *
     * @param cacheDir the embedding cache's folder, e.g. {@link #userCacheDir()}; null for no cache
     * @param progress told of embedding and UMAP progress and of survived problems (e.g. a damaged cache)
     */
    public static AttackMap forRecords(List<MapInput> inputs, Path cacheDir, long seed, ProgressListener progress) {
        EmbedderSource miniLm = EmbedderSource.onnx(OnnxEmbedder.MINILM_L6_Q, Runtime.getRuntime().availableProcessors());
        return new AttackMapBuilder(miniLm).build(inputs, cacheDir, seed, progress);
    }

    /**
     * One vector per text from {@code source}, each distinct text embedded once and cached on disk by content hash
     * in {@code cacheDir} (null: memory only), as the map does; duplicates share an array (do not modify).
     */
    public static float[][] vectors(List<String> texts, EmbedderSource source, Path cacheDir, ProgressListener progress) {
        return CachedEmbeddings.vectors(texts, source, cacheDir, progress).vectors();
    }

    /** The map's default embedder (all-MiniLM-L6-v2, quantized) on all cores, loaded only when needed. */
    public static EmbedderSource defaultEmbedder() {
        return EmbedderSource.onnx(OnnxEmbedder.MINILM_L6_Q, Runtime.getRuntime().availableProcessors());
    }

    /** Inputs for released records, with ids "1", "2", … (the record's position in its file). */
    public static List<MapInput> inputs(List<ReleasedRecord> records) {
        List<MapInput> inputs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            inputs.add(MapInput.of(String.valueOf(i + 1), records.get(i)));
        }
        return inputs;
    }

    /** {@code $XDG_CACHE_HOME/redteam}, else {@code ~/.cache/redteam}. */
    public static Path userCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("redteam");
    }
}
