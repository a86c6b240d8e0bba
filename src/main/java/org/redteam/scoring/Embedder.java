package org.redteam.scoring;

import java.util.List;

/**
 * In-process text → vector. Implementations are thread-safe and deterministic: the same text gives
 * the same vector whatever else is in the call (batching must not change results).
 */
public interface Embedder {

    /** Length of every vector. */
    int dimension();

    /** One vector per text, in order. Blank texts are allowed. */
    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }
}
