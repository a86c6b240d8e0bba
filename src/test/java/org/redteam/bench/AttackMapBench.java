package org.redteam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.redteam.analysis.map.AttackMap;
import org.redteam.analysis.map.AttackMapBuilder;
import org.redteam.analysis.map.AttackMapHtml;
import org.redteam.analysis.map.AttackMapJson;
import org.redteam.analysis.map.AttackMaps;
import org.redteam.analysis.map.EmbedderSource;
import org.redteam.analysis.map.MapInput;
import org.redteam.analysis.map.ProgressListener;
import org.redteam.scoring.Embedder;

/**
 * Times the attack map. Not a test: run by hand (docs/attack-map.md).
 * <ul>
 *   <li>{@code synthetic N}: N texts whose 384-d unit vectors are drawn around 40 random centres (no model),
 *       so the time is the cache, UMAP, k-means and naming;</li>
 *   <li>{@code real N CACHE_DIR}: N distinct texts made from the human turns of hh-rlhf harmless-base-dev
 *       (read from {@code ../shared/data}, never copied), mapped twice with the real embedder: the first
 *       run embeds whatever CACHE_DIR lacks, the second finds everything cached.</li>
 * </ul>
 * A third argument, OUT_DIR, writes the last map to OUT_DIR/map.json and OUT_DIR/attack-map.html.
 */
public final class AttackMapBench {
    private static final String[] TYPES = {"context distillation", "rlhf", "plain lm", "rejection sampling"};
    private static final String[] SIZES = {"52B", "13B", "2.7B"};

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "synthetic";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        AttackMap map = null;
        if (mode.equals("real")) {
            Path cache = Path.of(args.length > 2 ? args[2] : "target/bench-cache");
            List<MapInput> inputs = inputs(realTexts(n));
            for (int run = 1; run <= 2; run++) {
                map = AttackMaps.forRecords(inputs, cache, AttackMaps.DEFAULT_SEED, printer());
                report("real run " + run, map);
            }
        } else {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                texts.add("topic" + (i % 40) + " item" + i);
            }
            EmbedderSource clustered = new EmbedderSource("bench-clustered", 384, () -> new ClusteredEmbedder(384));
            Path cache = Files.createTempDirectory("attack-map-bench");
            AttackMapBuilder builder = new AttackMapBuilder(clustered);
            for (int run = 1; run <= 2; run++) {
                map = builder.build(inputs(texts), cache, AttackMaps.DEFAULT_SEED, printer());
                report("synthetic run " + run, map);
            }
        }
        if (args.length > 3) {
            Path out = Files.createDirectories(Path.of(args[3]));
            AttackMapJson.write(map, out.resolve("map.json"));
            Files.writeString(out.resolve("attack-map.html"), "<!doctype html><html><head><meta charset=\"utf-8\">"
                    + "<title>attack map</title></head><body>" + AttackMapHtml.fragment(map) + "</body></html>");
            System.out.println("wrote " + out.resolve("map.json") + " and " + out.resolve("attack-map.html"));
        }
    }

    private static void report(String what, AttackMap map) {
        System.out.printf("%s: %d points, %d clusters, embed %.1f s (%d embedded, %d cached), UMAP %.1f s%n",
                what, map.points().size(), map.clusters().size(), map.embedMillis() / 1e3, map.embeddedTexts(),
                map.cachedTexts(), map.umapMillis() / 1e3);
        map.clusters().stream().limit(8).forEach(c -> System.out.println("  " + c.size() + "  " + c.name()));
    }

    private static ProgressListener printer() {
        long start = System.nanoTime();
        return new ProgressListener() {
            @Override
            public void embedded(int done, int total) {
                if (done == total || done % 5_120 == 0) {
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf("  embedded %d/%d after %.1f s (%.0f texts/s)%n", done, total, s, done / s);
                }
            }

            @Override
            public void warning(String message) {
                System.out.println("  warning: " + message);
            }
        };
    }

    private static List<MapInput> inputs(List<String> texts) {
        List<MapInput> inputs = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < texts.size(); i++) {
            inputs.add(new MapInput(String.valueOf(i + 1), texts.get(i), TYPES[i % TYPES.length], SIZES[i % SIZES.length],
                    random.nextGaussian() * 2));
        }
        return inputs;
    }

    /** Distinct texts: the human turns, then the first half of one turn joined to the second half of another. */
    private static List<String> realTexts(int n) throws IOException {
        Path file = Path.of(System.getProperty("redteam.shared", "../shared"), "data/hh-rlhf/harmless-base-dev.jsonl.gz");
        Set<String> turns = new LinkedHashSet<>();
        Pattern human = Pattern.compile("\n\nHuman: (.*?)(?=\n\nAssistant:|$)", Pattern.DOTALL);
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode pair = json.readTree(line);
                for (String side : new String[] {"chosen", "rejected"}) {
                    Matcher m = human.matcher(pair.get(side).asText());
                    while (m.find()) {
                        turns.add(m.group(1).strip());
                    }
                }
            }
        }
        List<String> base = new ArrayList<>(turns);
        Set<String> texts = new LinkedHashSet<>(base);
        Random random = new Random(11);
        while (texts.size() < n) {
            String[] a = base.get(random.nextInt(base.size())).split(" ");
            String[] b = base.get(random.nextInt(base.size())).split(" ");
            texts.add(String.join(" ", List.of(a).subList(0, (a.length + 1) / 2)) + " "
                    + String.join(" ", List.of(b).subList(b.length / 2, b.length)));
        }
        List<String> out = new ArrayList<>(texts).subList(0, n);
        System.out.printf("%d texts, mean %.0f characters%n", n, out.stream().mapToInt(String::length).average().orElse(0));
        return out;
    }

    /** Unit vectors around 40 fixed random centres; the centre is chosen by the text's "topicN" word. */
    private static final class ClusteredEmbedder implements Embedder {
        private final float[][] centres;
        private final int dimension;

        ClusteredEmbedder(int dimension) {
            this.dimension = dimension;
            Random random = new Random(1);
            centres = new float[40][dimension];
            for (float[] c : centres) {
                for (int j = 0; j < dimension; j++) {
                    c[j] = (float) random.nextGaussian();
                }
            }
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String text : texts) {
                int topic = Integer.parseInt(text.substring(5, text.indexOf(' ')));
                Random random = new Random(text.hashCode());
                float[] v = new float[dimension];
                double norm = 0;
                for (int j = 0; j < dimension; j++) {
                    v[j] = centres[topic][j] + 1.2f * (float) random.nextGaussian();
                    norm += v[j] * v[j];
                }
                for (int j = 0; j < dimension; j++) {
                    v[j] /= (float) Math.sqrt(norm);
                }
                out.add(v);
            }
            return out;
        }
    }
}
