package org.redteam.scoring;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The speed ceiling for {@link PmBenchmark}: the same ONNX model as an {@link OnnxEmbedder} (same
 * file, same tokenizer), called by hand through ONNX Runtime: one padded batch on a session of its
 * own with one intra-op thread per core, or one text per run on the embedder's own session (intra-op
 * 1). The thread count is set rather than left to ORT, whose Linux default is half the logical CPUs
 * ({@code hardware_concurrency() / 2}: one thread on a 2-core machine). Only for timing: a padded
 * batch gives a quantized model's texts vectors that depend on their neighbours (see
 * {@link OnnxEmbedder}), so the vectors here are not the product's. Not thread-safe; one caller at a time.
 */
final class OrtCeiling implements AutoCloseable {
    private final OnnxEmbedder embedder;
    private final OrtEnvironment env;
    private final OrtSession batchSession;
    private final boolean typeIds;
    private final int dimension;

    private OrtCeiling(OnnxEmbedder embedder, OrtSession batchSession) {
        this.embedder = embedder;
        this.env = embedder.environment();
        this.batchSession = batchSession;
        this.typeIds = batchSession.getInputNames().contains("token_type_ids");
        this.dimension = embedder.dimension();
    }

    /** Loads an embedder (tokenizer, intra-op-1 session) and a batch session with {@code threads} intra-op threads. */
    static OrtCeiling load(OnnxEmbedder.Spec spec, int threads) {
        OnnxEmbedder embedder = OnnxEmbedder.load(spec);
        try (InputStream in = OrtCeiling.class.getResourceAsStream("/" + spec.onnxResource());
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (in == null) {
                throw new IOException("model file " + spec.onnxResource() + " is not on the classpath");
            }
            options.setIntraOpNumThreads(threads);
            return new OrtCeiling(embedder, embedder.environment().createSession(in.readAllBytes(), options));
        } catch (OrtException | IOException e) {
            embedder.close();
            throw new ScoringException("cannot load the ceiling session for " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The product's path for the same texts: one text per run on the embedder's pool, intra-op 1. */
    OnnxEmbedder embedder() {
        return embedder;
    }

    /** Tokenizes one text after another on the calling thread, exactly as the embedder does. */
    List<Encoding> tokenize(List<String> texts) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) {
            encodings.add(embedder.encode(text));
        }
        return encodings;
    }

    /** Longest encoding: the width of the padded batch. */
    static int width(List<Encoding> encodings) {
        int width = 0;
        for (Encoding e : encodings) {
            width = Math.max(width, e.getIds().length);
        }
        return width;
    }

    /** One run over all texts as a [n, width] batch, padded with id 0 and mask 0; CLS vectors, normalised. */
    float[][] batched(List<Encoding> encodings) throws OrtException {
        int n = encodings.size();
        int width = width(encodings);
        long[][] ids = new long[n][width];
        long[][] mask = new long[n][width];
        long[][] types = new long[n][width];
        for (int i = 0; i < n; i++) {
            Encoding e = encodings.get(i);
            System.arraycopy(e.getIds(), 0, ids[i], 0, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask[i], 0, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types[i], 0, e.getTypeIds().length);
        }
        return run(batchSession, ids, mask, types, width);
    }

    /** One run per text, one after another on the calling thread, on the embedder's session (intra-op 1). */
    float[][] sequential(List<Encoding> encodings) throws OrtException {
        float[][] vectors = new float[encodings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            Encoding e = encodings.get(i);
            vectors[i] = run(embedder.session(), new long[][] {e.getIds()}, new long[][] {e.getAttentionMask()},
                    new long[][] {e.getTypeIds()}, e.getIds().length)[0];
        }
        return vectors;
    }

    private float[][] run(OrtSession session, long[][] ids, long[][] mask, long[][] types, int width) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                // last hidden state [n, width, dimension]; read only each text's CLS row
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[][] vectors = new float[ids.length][dimension];
                for (int i = 0; i < ids.length; i++) {
                    hidden.get(i * width * dimension, vectors[i]);
                    OnnxEmbedder.normalise(vectors[i]);
                }
                return vectors;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            batchSession.close();
        } catch (OrtException e) {
            // closing a session we no longer use; nothing to recover
        }
        embedder.close();
    }
}
