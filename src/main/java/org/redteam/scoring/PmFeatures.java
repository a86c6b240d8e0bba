package org.redteam.scoring;

import org.redteam.conversation.Transcript;

import org.redteam.conversation.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Features of an assistant utterance in its context, design "response+exchange/v1": the embedding
 * of the response alone, followed by the embedding of the exchange {@code "Human: <last human
 * turn>\nAssistant: <response>"}, so the head sees both what was said and what it answered
 * (docs/preference-model.md has the designs tried). Two texts per utterance, embedded in one call.
 */
public final class PmFeatures {
    public static final String DESIGN = "response+exchange/v1";

    private final Embedder embedder;

    public PmFeatures(Embedder embedder) {
        this.embedder = embedder;
    }

    public int dimension() {
        return 2 * embedder.dimension();
    }

    /** One feature vector per exchange, in order. */
    public List<double[]> of(List<Exchange> exchanges) {
        List<String> texts = new ArrayList<>(2 * exchanges.size());
        for (Exchange e : exchanges) {
            texts.add(e.response());
            texts.add("Human: " + lastHumanTurn(e.context()) + "\nAssistant: " + e.response());
        }
        List<float[]> vectors = embedder.embed(texts);
        List<double[]> features = new ArrayList<>(exchanges.size());
        int d = embedder.dimension();
        for (int i = 0; i < exchanges.size(); i++) {
            double[] f = new double[2 * d];
            float[] response = vectors.get(2 * i);
            float[] exchange = vectors.get(2 * i + 1);
            for (int j = 0; j < d; j++) {
                f[j] = response[j];
                f[d + j] = exchange[j];
            }
            features.add(f);
        }
        return features;
    }

    /** The text of the last human turn of a released-layout context, or "" if there is none. */
    static String lastHumanTurn(String context) {
        return Transcript.parse(context).lastHuman().orElse("");
    }
}
