package org.redteam.scoring;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A BERT-style sentence embedder run in-process with ONNX Runtime: tokenize, run the model, pool
 * the last hidden state (CLS token or masked mean), L2-normalise.
 *
 * <p>Each text is run on its own (batch of one): quantized models compute activation scales over the
 * whole padded batch, so batching would make a text's vector depend on its neighbours. Throughput
 * comes from running texts concurrently on a fixed pool, one ONNX Runtime thread each. The model is
 * loaded once per instance; instances are thread-safe.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    /** How token vectors become one text vector. */
    public enum Pooling { CLS, MEAN }

    /** Where a model's files are on the classpath and how to use it. */
    public record Spec(String name, String onnxResource, String tokenizerResource, Pooling pooling, int maxTokens,
                       int dimension) {
    }

    /** all-MiniLM-L6-v2, quantized (the langchain4j artifact's files): mean pooling, 256 tokens. */
    public static final Spec MINILM_L6_Q = new Spec("all-MiniLM-L6-v2-q", "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 256, 384);

    /** BAAI bge-small-en-v1.5, quantized (the langchain4j artifact's files): CLS pooling, 512 tokens. */
    public static final Spec BGE_SMALL_EN_V15_Q = new Spec("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, 512, 384);

    /** Stand-in for a blank text, which the tokenizer cannot encode into anything but special tokens. */
    static final String BLANK = "[empty]";

    private final Spec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final ExecutorService pool;

    private OnnxEmbedder(Spec spec, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
                         int threads) {
        this.spec = spec;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "embedder-" + spec.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the model from the classpath; {@code threads} texts run at once (default: the cores). */
    public static OnnxEmbedder load(Spec spec, int threads) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(resource(spec.onnxResource()), options);
            HuggingFaceTokenizer tokenizer;
            try (InputStream in = stream(spec.tokenizerResource())) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "true",
                        "maxLength", String.valueOf(spec.maxTokens()), "padding", "false"));
            }
            return new OnnxEmbedder(spec, env, session, tokenizer, threads);
        } catch (OrtException | IOException e) {
            throw new ScoringException("cannot load the embedding model " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    public static OnnxEmbedder load(Spec spec) {
        return load(spec, Runtime.getRuntime().availableProcessors());
    }

    public String name() {
        return spec.name();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<Future<float[]>> futures = new ArrayList<>(texts.size());
        for (String text : texts) {
            futures.add(pool.submit(() -> embedOne(text)));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        try {
            for (Future<float[]> f : futures) {
                vectors.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException("embedding was interrupted", e);
        } catch (ExecutionException e) {
            throw new ScoringException("embedding with " + spec.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return vectors;
    }

    /** Token ids of a text as the model sees them (truncated), for the benchmark's batched ceiling. */
    Encoding encode(String text) {
        return tokenizer.encode(text.isBlank() ? BLANK : text);
    }

    OrtSession session() {
        return session;
    }

    OrtEnvironment environment() {
        return env;
    }

    private float[] embedOne(String text) throws OrtException {
        Encoding encoding = encode(text);
        long[] ids = encoding.getIds();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {encoding.getAttentionMask()}));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {encoding.getTypeIds()}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                return normalise(pool(tokens));
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens) {
        if (spec.pooling() == Pooling.CLS) {
            return tokens[0].clone();
        }
        float[] mean = new float[tokens[0].length];
        for (float[] token : tokens) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += token[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= tokens.length;
        }
        return mean;
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IOException("model file " + name + " is not on the classpath");
        }
        return in;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session we no longer use; nothing to recover
        }
    }
}
