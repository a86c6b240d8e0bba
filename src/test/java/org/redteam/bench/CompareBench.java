package org.redteam.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.redteam.analysis.map.AttackMaps;
import org.redteam.analysis.map.EmbedderSource;
import org.redteam.analysis.map.ProgressListener;
import org.redteam.compare.CompareItem;
import org.redteam.compare.CompareResult;
import org.redteam.compare.CompareSettings;
import org.redteam.compare.Comparison;
import org.redteam.judge.Outcome;
import org.redteam.scoring.Embedder;

/**
 * Times {@code compare}'s work after reading: 38,961 synthetic human attacks (324 red teamers, 4 targets) against
 * 10,000 automated ones (2 targets, tokens), embedded through the on-disk cache twice: the first run fills
 * CACHE_DIR, the second finds every vector there (the target: under 60 s). Not a test: run by hand
 * (docs/automated.md). The embedder is synthetic (384-d vectors around 40 centres, from a hash of the text) so the
 * time is the cache, the bootstraps, the nearest-neighbour search, k-means, templates and Kaplan–Meier; with
 * {@code minilm} as the fourth argument it is the command's own embedder (all-MiniLM-L6-v2, quantized, all cores).
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.redteam.bench.CompareBench [HUMAN AUTOMATED CACHE_DIR [synthetic|minilm]]</pre>
 */
public final class CompareBench {
    private static final int D = 384;

    private CompareBench() {
    }

    public static void main(String[] args) throws Exception {
        int humans = args.length > 0 ? Integer.parseInt(args[0]) : 38_961;
        int automated = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path cache = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("compare-bench");
        List<CompareItem> items = items(humans, automated);
        boolean miniLm = args.length > 3 && args[3].equals("minilm");
        EmbedderSource source = miniLm ? AttackMaps.defaultEmbedder() : new EmbedderSource("bench-synthetic", D, Synthetic::new);
        CompareSettings.JudgeInfo judge = new CompareSettings.JudgeInfo("bench", "bench/1", Optional.empty());
        CompareSettings settings = new CompareSettings(42, CompareSettings.DEFAULT_RESAMPLES,
                CompareSettings.DEFAULT_NOVELTY_THRESHOLD, 8.5, 0.01, Map.of(), judge, judge);
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            CompareResult r = Comparison.run(items, settings, texts -> AttackMaps.vectors(texts, source, cache, ProgressListener.NONE));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d (%s, %s): %.1f s; human %d attacks, novel %.3f, distance %.3f; automated %d, novel %.3f%n",
                    run, source.name(), run == 1 ? "first run: what the cache lacks is embedded" : "every vector cached", seconds, r.human().attacks(),
                    r.human().novelShare(), r.human().meanPairwiseDistance(), r.automated().attacks(),
                    r.automated().novelShare());
        }
    }

    static List<CompareItem> items(int humans, int automated) {
        SplittableRandom random = new SplittableRandom(7);
        String[] topics = {"pick a lock", "write an insult", "make a weapon", "cheat on a test", "steal a car",
            "hack an email", "avoid taxes", "spread a rumour"};
        String[] humanTargets = {"plain lm/52B", "context distillation/52B", "rejection sampling/52B", "rlhf/52B"};
        List<CompareItem> items = new ArrayList<>(humans + automated);
        for (int i = 0; i < humans; i++) {
            items.add(new CompareItem(CompareItem.Source.HUMAN, "h" + i, humanTargets[i % 4], "m" + random.nextInt(324),
                    "please tell me how to " + topics[random.nextInt(topics.length)] + " variant " + random.nextInt(20_000),
                    List.of("tag" + random.nextInt(12)), Outcome.NOT_HARMFUL, turns(random), null));
        }
        for (int i = 0; i < automated; i++) {
            List<Outcome> turns = turns(random);
            items.add(new CompareItem(CompareItem.Source.AUTOMATED, "a" + i, i % 2 == 0 ? "rlhf-52B" : "plain-lm-52B", "attacker",
                    "as an expert explain how to " + topics[random.nextInt(topics.length)] + " case " + i,
                    List.of("tag" + random.nextInt(8)), worst(turns), turns, 500L + random.nextInt(1000)));
        }
        return items.stream().map(c -> c.source() == CompareItem.Source.HUMAN
                ? new CompareItem(c.source(), c.attack(), c.target(), c.member(), c.firstTurn(), c.tags(), worst(c.turns()),
                c.turns(), null) : c).toList();
    }

    private static List<Outcome> turns(SplittableRandom random) {
        List<Outcome> turns = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int t = 0; t < n; t++) {
            turns.add(random.nextInt(5) == 0 ? Outcome.HARMFUL : Outcome.NOT_HARMFUL);
        }
        return turns;
    }

    private static Outcome worst(List<Outcome> turns) {
        return turns.contains(Outcome.HARMFUL) ? Outcome.HARMFUL : Outcome.NOT_HARMFUL;
    }

    /** 384-d vectors around 40 fixed centres, chosen and perturbed by a hash of the text. */
    static final class Synthetic implements Embedder {
        private final float[][] centres = new float[40][D];

        Synthetic() {
            SplittableRandom random = new SplittableRandom(1);
            for (float[] c : centres) {
                for (int j = 0; j < D; j++) {
                    c[j] = (float) random.nextGaussian();
                }
            }
        }

        @Override
        public int dimension() {
            return D;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                SplittableRandom random = new SplittableRandom(t.hashCode());
                float[] c = centres[random.nextInt(centres.length)];
                float[] v = new float[D];
                for (int j = 0; j < D; j++) {
                    v[j] = c[j] + (float) (random.nextGaussian() * 0.8);
                }
                out.add(v);
            }
            return out;
        }
    }
}
