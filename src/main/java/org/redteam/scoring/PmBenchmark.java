package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Speed of the shipped preference model against a hand-written ONNX Runtime ceiling on the same
 * texts (docs/benchmarks.md). Every path is timed per batch of candidates and includes tokenization;
 * batches run one after another, each path in turn on the same batch, warm-up batches discarded.
 */
public final class PmBenchmark {

    /** What to run: {@code batches} measured after {@code warmup}, {@code batchSize} candidates each. */
    public record Settings(int batches, int warmup, int batchSize, long seed) {
        public Settings {
            if (batches < 1 || warmup < 0 || batchSize < 1) {
                throw new IllegalArgumentException("batches ≥ 1, warmup ≥ 0 and batch size ≥ 1 are needed");
            }
        }
    }

    /** One path's wall time per measured batch, in milliseconds, for {@code texts} texts per batch. */
    public record Timing(String label, int texts, double[] millis) {
        public double median() {
            return percentile(millis, 0.5);
        }

        public double p90() {
            return percentile(millis, 0.9);
        }

        /** Texts over total wall time of all measured batches. */
        public double textsPerSecond() {
            return texts * millis.length / (Arrays.stream(millis).sum() / 1000);
        }
    }

    /**
     * What was measured. {@code meanTokens}: tokens per text; {@code meanWidth}: the padded batch's
     * width (its longest text), both averaged over measured batches.
     */
    public record Report(String model, double modelLoadMillis, double ceilingLoadMillis, Settings settings, int cores,
                         double meanTokens, double meanWidth, Timing endToEnd, Timing embedder, Timing batched,
                         Timing sequential, Timing tokenization) {
        public List<Timing> timings() {
            return List.of(endToEnd, embedder, batched, sequential, tokenization);
        }
    }

    private PmBenchmark() {
    }

    /** Loads the shipped model once and the ceiling's session, then times every batch; {@code done} gets batches run. */
    public static Report run(Settings settings, IntConsumer done) {
        long start = System.nanoTime();
        PreferenceModel model = TrainedPreferenceModel.loadDefault();
        double modelLoad = millisSince(start);
        start = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        try (OrtCeiling ceiling = OrtCeiling.load(OnnxEmbedder.BGE_SMALL_EN_V15_Q, cores)) {
            double ceilingLoad = millisSince(start);
            List<List<Exchange>> batches = SyntheticCandidates.batches(settings.warmup() + settings.batches(),
                    settings.batchSize(), new SplittableRandom(settings.seed()));
            int n = settings.batches();
            double[][] millis = new double[5][n];
            double tokens = 0;
            double width = 0;
            for (int b = 0; b < batches.size(); b++) {
                List<Exchange> batch = batches.get(b);
                List<String> texts = texts(batch);
                double[] t = timeOne(model, ceiling, batch, texts);
                int m = b - settings.warmup();
                if (m >= 0) {
                    for (int p = 0; p < t.length; p++) {
                        millis[p][m] = t[p];
                    }
                    List<Encoding> encodings = ceiling.tokenize(texts);
                    tokens += encodings.stream().mapToInt(e -> e.getIds().length).average().orElse(0) / n;
                    width += (double) OrtCeiling.width(encodings) / n;
                }
                done.accept(b + 1);
            }
            int texts = 2 * settings.batchSize();
            return new Report(model.name(), modelLoad, ceilingLoad, settings, cores, tokens, width,
                    new Timing("pm harmlessness, end to end", texts, millis[0]),
                    new Timing("OnnxEmbedder.embed alone (pool, intra-op 1)", texts, millis[1]),
                    new Timing("ORT one padded batch, intra-op " + cores, texts, millis[2]),
                    new Timing("ORT one text per run, sequential, intra-op 1", texts, millis[3]),
                    new Timing("tokenization alone, one thread", texts, millis[4]));
        } finally {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // releasing the model at the end of the run; nothing to recover
                }
            }
        }
    }

    /** Milliseconds of: end to end, embedder alone, batched ceiling, sequential ceiling, tokenization. */
    private static double[] timeOne(PreferenceModel model, OrtCeiling ceiling, List<Exchange> batch, List<String> texts) {
        try {
            long t0 = System.nanoTime();
            model.harmlessness(batch);
            double endToEnd = millisSince(t0);
            t0 = System.nanoTime();
            ceiling.embedder().embed(texts);
            double embedder = millisSince(t0);
            t0 = System.nanoTime();
            List<Encoding> encodings = ceiling.tokenize(texts);
            double tokenization = millisSince(t0);
            ceiling.batched(encodings);
            double batched = millisSince(t0);
            t0 = System.nanoTime();
            ceiling.sequential(ceiling.tokenize(texts));
            double sequential = millisSince(t0);
            return new double[] {endToEnd, embedder, batched, sequential, tokenization};
        } catch (OrtException e) {
            throw new ScoringException("the ceiling run failed: " + e.getMessage(), e);
        }
    }

    /** The texts the model embeds for {@code batch}, taken from {@link PmFeatures} itself so they cannot drift. */
    static List<String> texts(List<Exchange> batch) {
        List<String> texts = new ArrayList<>();
        new PmFeatures(new Embedder() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public List<float[]> embed(List<String> given) {
                texts.addAll(given);
                return given.stream().map(s -> new float[1]).toList();
            }
        }).of(batch);
        return texts;
    }

    /** Linear interpolation between closest ranks (numpy's default): position p·(n−1) in sorted order. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
