package org.redteam.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.redteam.scoring.Embedder;

/** A deterministic fake embedder: words hashed into {@code dimension} buckets, L2-normalised. */
public final class HashingEmbedder implements Embedder {
    private final int dimension;

    public HashingEmbedder(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        for (String text : texts) {
            float[] v = new float[dimension];
            for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), dimension)] += 1;
                }
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < dimension && norm > 0; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            out.add(v);
        }
        return out;
    }
}
