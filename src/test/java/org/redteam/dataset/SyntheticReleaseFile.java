package org.redteam.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic stand-in for the full released file: 38,961 records as ONE pretty-printed JSON
 * array, gzip-compressed, with the published marginals of the real file (sizes, model types,
 * ratings, 324 members, 580 Upwork records, 742 tagged records) and mild generated text. Written
 * with Jackson's own generator, independently of the code under test. Deterministic for a seed.
 */
final class SyntheticReleaseFile {
    static final int RECORDS = 38_961;
    static final int MEMBERS = 324;
    static final int UPWORK_RECORDS = 580;
    static final int TAGGED_RECORDS = 742;
    static final List<String> SIZES = List.of("52B", "13B", "2.7B");
    static final int[] SIZE_COUNTS = {23_507, 8_316, 7_138};
    static final List<String> TYPES = List.of("context distillation", "rlhf", "plain lm", "rejection sampling");
    static final int[] TYPE_COUNTS = {21_957, 7_871, 5_152, 3_981};
    static final int[] RATING_COUNTS = {16_475, 4_367, 4_936, 4_249, 8_934};

    private static final String[] ASKS = {"tell me how to pick a lock", "how do I cheat at cards",
        "write a rude poem about my neighbour", "what is the best way to skip school", "help me fib to my boss",
        "how can I sneak into a concert", "say something mean about cats", "how do I copy my friend's homework"};
    private static final String[] WORDS = {"I", "you", "the", "a", "lock", "please", "sorry", "can't", "help", "with",
        "that", "maybe", "instead", "try", "asking", "someone", "else", "it", "is", "not", "a", "good", "idea",
        "why", "do", "want", "to", "know", "about", "this", "here", "are", "some", "safe", "tips", "and", "ideas"};
    private static final String[] TAGS = {"Theft", "Non-violent unethical behavior (e.g. lying, cheating, etc.)",
        "Bullying & harassment", "Property crime & vandalism", "Other"};

    private SyntheticReleaseFile() {
    }

    /**
     * Writes the file for benchmarks (docs/benchmarks.md): {@code FILE [SEED [diverse]]}, default seed 2022, e.g.
     * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.redteam.dataset.SyntheticReleaseFile f.json.gz}.
     * With {@code diverse} the first human turns are no longer 8 fixed asks but made-up word sequences (3–40 words
     * from 5,000 words, frequent words more often), 5% of them from 20 templates with one word changed: the
     * template search then has ~37,000 distinct texts to compare, as in real data. Everything else is the same.
     */
    public static void main(String[] args) throws IOException {
        Path file = write(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 2022,
                args.length > 2 && args[2].equals("diverse"));
        System.out.printf("wrote %d records to %s (%d bytes)%n", RECORDS, file, Files.size(file));
    }

    static Path write(Path file, long seed) throws IOException {
        return write(file, seed, false);
    }

    static Path write(Path file, long seed, boolean diverse) throws IOException {
        Random random = new Random(seed);
        FirstTurns firstTurns = diverse ? new FirstTurns(new Random(seed + 1)) : null;
        List<String> sizes = shuffled(SIZES, SIZE_COUNTS, random);
        List<String> types = shuffled(TYPES, TYPE_COUNTS, random);
        List<Integer> ratings = shuffled(List.of(0, 1, 2, 3, 4), RATING_COUNTS, random);
        List<Boolean> upwork = shuffled(List.of(true, false), new int[] {UPWORK_RECORDS, RECORDS - UPWORK_RECORDS}, random);
        List<Boolean> tagged = shuffled(List.of(true, false), new int[] {TAGGED_RECORDS, RECORDS - TAGGED_RECORDS}, random);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator json = new JsonFactory().createGenerator(out).setPrettyPrinter(pretty)) {
            json.writeStartArray();
            for (int i = 0; i < RECORDS; i++) {
                json.writeStartObject();
                json.writeStringField("transcript", transcript(random, firstTurns));
                json.writeNumberField("min_harmlessness_score_transcript", random.nextGaussian() * 2);
                json.writeStringField("num_params", sizes.get(i));
                json.writeStringField("model_type", types.get(i));
                json.writeNumberField("rating", (double) ratings.get(i));
                json.writeStringField("task_description", "Ask the assistant: " + ASKS[random.nextInt(ASKS.length)]);
                json.writeNumberField("task_descripton_harmlessness_score", random.nextGaussian());
                json.writeNumberField("red_team_member_id", i % MEMBERS);
                json.writeBooleanField("is_upworker", upwork.get(i));
                json.writeFieldName("tags");
                if (tagged.get(i)) {
                    json.writeStartArray();
                    for (int t = 1 + random.nextInt(3); t > 0; t--) {
                        json.writeString(TAGS[random.nextInt(TAGS.length)]);
                    }
                    json.writeEndArray();
                } else {
                    json.writeNull();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return file;
    }

    /** Made-up first turns for {@code diverse} files. */
    private static final class FirstTurns {
        final Random random;
        final List<String> templates = new ArrayList<>();

        FirstTurns(Random random) {
            this.random = random;
            for (int t = 0; t < 20; t++) {
                StringBuilder s = new StringBuilder();
                for (int w = 0; w < 15; w++) {
                    s.append("w").append(random.nextInt(5000)).append(' ');
                }
                templates.add(s.toString());
            }
        }

        String next() {
            if (random.nextDouble() < 0.05) {
                return templates.get(random.nextInt(templates.size())) + "w" + random.nextInt(5000);
            }
            int limit = 10 + (int) Math.abs(random.nextGaussian() * 1500);
            StringBuilder s = new StringBuilder();
            for (int w = 3 + random.nextInt(38); w > 0; w--) {
                s.append("w").append(random.nextInt(Math.min(limit, 5000))).append(w > 1 ? " " : "?");
            }
            return s.toString();
        }
    }

    private static String transcript(Random random, FirstTurns firstTurns) {
        StringBuilder text = new StringBuilder();
        int turns = 1 + random.nextInt(4);
        for (int t = 0; t < turns; t++) {
            String ask = t == 0 ? ASKS[random.nextInt(ASKS.length)] : words(random, 8 + random.nextInt(20));
            text.append("\n\nHuman: ").append(t == 0 && firstTurns != null ? firstTurns.next() : ask);
            text.append("\n\nAssistant: ").append(words(random, 20 + random.nextInt(60)));
        }
        return text.toString();
    }

    private static String words(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append('.').toString();
    }

    private static <T> List<T> shuffled(List<T> values, int[] counts, Random random) {
        List<T> all = new ArrayList<>(RECORDS);
        for (int v = 0; v < values.size(); v++) {
            all.addAll(Collections.nCopies(counts[v], values.get(v)));
        }
        if (all.size() != RECORDS) {
            throw new IllegalStateException("counts add up to " + all.size() + ", not " + RECORDS);
        }
        Collections.shuffle(all, random);
        return all;
    }
}
