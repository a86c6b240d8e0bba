package org.redteam.analysis.map;

import java.util.Objects;
import java.util.function.Supplier;
import org.redteam.scoring.Embedder;
import org.redteam.scoring.OnnxEmbedder;

/**
 * An embedder that is loaded only when some text is missing from the cache.
 *
 * @param name      the model's name; part of every cache key, so two models never share vectors
 * @param dimension length of its vectors
 * @param loader    called at most once per build; an {@link AutoCloseable} result is closed after it
 */
public record EmbedderSource(String name, int dimension, Supplier<? extends Embedder> loader) {

    public EmbedderSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loader, "loader");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
    }

    /** One of the in-process ONNX models, {@code threads} texts at a time. */
    public static EmbedderSource onnx(OnnxEmbedder.Spec spec, int threads) {
        return new EmbedderSource(spec.name(), spec.dimension(), () -> OnnxEmbedder.load(spec, threads));
    }
}
