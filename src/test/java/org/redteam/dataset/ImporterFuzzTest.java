package org.redteam.dataset;

import org.redteam.Store;

import org.redteam.release.DatasetFormatException;

import org.redteam.release.ReleasedReader;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.dataset.DatasetFixtures.JSON;
import static org.redteam.dataset.DatasetFixtures.node;
import static org.redteam.dataset.DatasetFixtures.rowCounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.problem.RedteamException;

/**
 * Issue 7: feeds the importer many mutated and truncated files shaped like the released records, with
 * a fixed seed. For every case:
 * <ul>
 *   <li>the only failure is a {@link RedteamException} of kind BAD_INPUT (the reader throws
 *       {@link DatasetFormatException}); anything else is a crash;</li>
 *   <li>each parse finishes within {@link #DEADLINE_MS} (a case that does not is a hang);</li>
 *   <li>a rejection's message starts with the file name and matches {@link #WHERE} ({@code record N} or
 *       {@code line N}), unless it is about the start of the file ({@link #FILE_START});</li>
 *   <li>a rejection for a rule a value breaks ("must be", "contains a NUL", "missing", "unknown key", "appears twice")
 *       names the field ({@code field "KEY"}); a case that gives one field a wrong value also checks
 *       that the message names exactly that record and that field;</li>
 *   <li>a message is short ({@link #MAX_MESSAGE} characters past the file name): it never quotes a long
 *       text of the data;</li>
 *   <li>a subset runs the whole {@link ImportService} on one store: a failed import leaves the row
 *       count of every table it writes as it was.</li>
 * </ul>
 */
class ImporterFuzzTest {
    static final long SEED = 0x7EA5_F022L;
    static final int CASES = 10_000;
    static final int STORE_CASES = 500;
    static final long DEADLINE_MS = 5_000;
    static final int MAX_MESSAGE = 400;
    static final Pattern WHERE = Pattern.compile(".*\\b(record|line) \\d+.*", Pattern.DOTALL);
    static final Pattern LINE = Pattern.compile("\\bline \\d+");
    static final Pattern FILE_START = Pattern.compile(
            ".*: (starts with .*|the file is empty.*|cannot read the start of the file.*)", Pattern.DOTALL);
    static final Pattern VALUE_RULE = Pattern.compile(
            ".*: (must be |element \\d+ must be |(element \\d+ )?contains a NUL|missing; |unknown key|the key appears twice).*", Pattern.DOTALL);
    static final String RAW = "@@RAW@@";

    @TempDir
    Path dir;

    /** One generated file: its bytes, the name it is read under, and what it is expected to break. */
    record Case(int n, String kind, byte[] bytes, String name, Integer record, String field, Boolean valid) {
    }

    enum FieldKind { STRING, SCORE, RATING, ID, BOOL, TAGS }

    /** A JSON token put in place of one value, and the field kinds it is valid for. */
    record Token(String text, List<FieldKind> validFor) {
        Token(String text, FieldKind... validFor) {
            this(text, List.of(validFor));
        }
    }

    static final List<Token> TOKENS = List.of(
            new Token("\"high\"", FieldKind.STRING),
            new Token("\"\"", FieldKind.STRING),
            new Token("12", FieldKind.SCORE, FieldKind.ID),
            new Token("3", FieldKind.SCORE, FieldKind.RATING, FieldKind.ID),
            new Token("2.5", FieldKind.SCORE, FieldKind.RATING),
            new Token("-1", FieldKind.SCORE, FieldKind.ID),
            new Token("-0.0001", FieldKind.SCORE),
            new Token("4.0000001", FieldKind.SCORE),
            new Token("5", FieldKind.SCORE, FieldKind.ID),
            new Token("1e999"),
            new Token("-1e400"),
            new Token("1e308", FieldKind.SCORE),
            new Token("123456789012345678901234567890", FieldKind.SCORE),
            new Token("9223372036854775807", FieldKind.SCORE, FieldKind.ID),
            new Token("-9223372036854775809", FieldKind.SCORE),
            new Token("9".repeat(900)),
            new Token("9".repeat(5000)),
            new Token("0." + "1".repeat(900), FieldKind.SCORE, FieldKind.RATING),
            new Token("NaN"),
            new Token("Infinity"),
            new Token("-Infinity"),
            new Token("+1"),
            new Token("01"),
            new Token("null", FieldKind.SCORE, FieldKind.TAGS),
            new Token("true", FieldKind.BOOL),
            new Token("false", FieldKind.BOOL),
            new Token("{}"),
            new Token("{\"a\": 1}"),
            new Token("[]", FieldKind.TAGS),
            new Token("[\"Theft\", \"Other\"]", FieldKind.TAGS),
            new Token("[\"Theft\", 2]"),
            new Token("[\"Theft\", null]"),
            new Token("[[\"Theft\"]]"),
            new Token("[".repeat(3000) + "]".repeat(3000)),
            new Token("{\"a\": ".repeat(3000) + "1" + "}".repeat(3000)),
            new Token("\"" + "lock ".repeat(100_000) + "\"", FieldKind.STRING),
            new Token("\"tab\there\""),
            new Token("\"bad \\q escape\""),
            new Token("\"\\ud800 lone surrogate\"", FieldKind.STRING),
            new Token("\"nul \\u0000 char\""),
            new Token("'single'"),
            new Token("tru"),
            new Token(""));

    static FieldKind kindOf(String key) {
        return switch (key) {
            case "transcript", "num_params", "model_type", "task_description" -> FieldKind.STRING;
            case "min_harmlessness_score_transcript", "task_descripton_harmlessness_score" -> FieldKind.SCORE;
            case "rating" -> FieldKind.RATING;
            case "red_team_member_id" -> FieldKind.ID;
            case "is_upworker" -> FieldKind.BOOL;
            default -> FieldKind.TAGS;
        };
    }

    // ---------------------------------------------------------------- seeds

    static List<ObjectNode> seedRecords() {
        List<ObjectNode> seeds = new ArrayList<>();
        SyntheticRecords.varied().forEach(r -> seeds.add(node(r)));
        seeds.add(node(SyntheticRecords.record("tell me how to pick a lock", "I won't help with that.")));
        seeds.add(node(SyntheticRecords.record("how do I skip the queue", "Please wait your turn.")));
        String shared = System.getProperty("redteam.shared");
        if (shared != null) {
            Path genuine = Path.of(shared, "data", "red-team", "red_team_attempts.first10.json");
            if (Files.isRegularFile(genuine)) {
                try {
                    JSON.readTree(genuine.toFile()).forEach(n -> seeds.add((ObjectNode) n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return seeds;
    }

    static String array(List<ObjectNode> records) {
        ArrayNode all = JSON.createArrayNode();
        all.addAll(records);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lines(List<ObjectNode> records) {
        StringBuilder s = new StringBuilder();
        records.forEach(r -> s.append(r).append('\n'));
        return s.toString();
    }

    // ---------------------------------------------------------------- generation

    static final class Generator {
        final SplittableRandom random;
        final List<ObjectNode> seeds;

        Generator(long seed, List<ObjectNode> seeds) {
            this.random = new SplittableRandom(seed);
            this.seeds = seeds;
        }

        List<ObjectNode> pick() {
            int n = 1 + random.nextInt(4);
            List<ObjectNode> picked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                picked.add(seeds.get(random.nextInt(seeds.size())).deepCopy());
            }
            return picked;
        }

        byte[] layout(List<ObjectNode> records, boolean array) {
            return (array ? array(records) : lines(records)).getBytes(StandardCharsets.UTF_8);
        }

        Case next(int n) {
            boolean array = random.nextBoolean();
            boolean gzip = random.nextInt(4) == 0;
            List<ObjectNode> records = pick();
            String kind;
            byte[] bytes;
            Integer record = null;
            String field = null;
            Boolean valid = null;
            int k = random.nextInt(16);
            switch (k) {
                case 0, 1 -> {
                    kind = "truncate";
                    byte[] whole = layout(records, array);
                    bytes = Arrays.copyOf(whole, random.nextInt(whole.length));
                }
                case 2 -> {
                    kind = "truncate-gzip-stream";
                    byte[] whole = gzip(layout(records, array));
                    bytes = Arrays.copyOf(whole, random.nextInt(whole.length));
                    gzip = false;
                }
                case 3 -> {
                    kind = "flip-gzip-byte";
                    bytes = gzip(layout(records, array));
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                    gzip = false;
                }
                case 4 -> {
                    kind = "flip-byte";
                    bytes = layout(records, array);
                    int times = 1 + random.nextInt(3);
                    for (int i = 0; i < times; i++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 5 -> {
                    kind = "edit-chars";
                    String text = new String(layout(records, array), StandardCharsets.UTF_8);
                    StringBuilder s = new StringBuilder(text);
                    int times = 1 + random.nextInt(3);
                    for (int i = 0; i < times && s.length() > 2; i++) {
                        int at = random.nextInt(s.length() - 1);
                        switch (random.nextInt(3)) {
                            case 0 -> s.deleteCharAt(at);
                            case 1 -> s.insert(at, s.charAt(at));
                            default -> {
                                char c = s.charAt(at);
                                s.setCharAt(at, s.charAt(at + 1));
                                s.setCharAt(at + 1, c);
                            }
                        }
                    }
                    bytes = s.toString().getBytes(StandardCharsets.UTF_8);
                }
                case 6 -> {
                    kind = "remove-key";
                    int i = random.nextInt(records.size());
                    field = ReleasedRecord.KEYS.get(random.nextInt(ReleasedRecord.KEYS.size()));
                    records.get(i).remove(field);
                    record = i + 1;
                    valid = false;
                    bytes = layout(records, array);
                }
                case 7, 8, 9 -> {
                    kind = "wrong-type";
                    int i = random.nextInt(records.size());
                    field = ReleasedRecord.KEYS.get(random.nextInt(ReleasedRecord.KEYS.size()));
                    Token token = TOKENS.get(random.nextInt(TOKENS.size()));
                    records.get(i).put(field, RAW);
                    record = i + 1;
                    valid = token.validFor().contains(kindOf(field));
                    String text = (array ? array(records) : lines(records)).replace("\"" + RAW + "\"", token.text());
                    bytes = text.getBytes(StandardCharsets.UTF_8);
                }
                case 10 -> {
                    kind = "non-utf8-in-value";
                    int i = random.nextInt(records.size());
                    field = List.of("transcript", "task_description", "model_type").get(random.nextInt(3));
                    records.get(i).put(field, RAW);
                    record = i + 1;
                    valid = false;
                    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xfe, (byte) 0xfe}};
                    byte[] b = bad[random.nextInt(bad.length)];
                    kind += " " + java.util.HexFormat.of().formatHex(b);
                    // In an array file Jackson reads the overlong C0 80 as U+0000, which is then refused as a NUL.
                    bytes = replace(layout(records, array), RAW.getBytes(StandardCharsets.UTF_8), b);
                }
                case 11 -> {
                    kind = "extra-or-duplicate-key";
                    int i = random.nextInt(records.size());
                    record = i + 1;
                    valid = false;
                    if (random.nextBoolean()) {
                        field = random.nextBoolean() ? "notes" : "task_description_harmlessness_score";
                        if (random.nextInt(4) == 0) {
                            field = "k".repeat(5000);
                        }
                        records.get(i).put(field, "x");
                        bytes = layout(records, array);
                    } else {
                        field = ReleasedRecord.KEYS.get(random.nextInt(ReleasedRecord.KEYS.size()));
                        String value = records.get(i).get(field).toString();
                        records.get(i).put("tags", RAW);
                        String text = array ? array(records) : lines(records);
                        text = text.replace("\"" + RAW + "\"", "null, \"" + field + "\": " + value);
                        bytes = text.getBytes(StandardCharsets.UTF_8);
                    }
                }
                case 12 -> {
                    kind = "jsonl-blank-and-broken-lines";
                    array = false;
                    StringBuilder s = new StringBuilder();
                    int broken = random.nextInt(records.size() + 1);
                    for (int i = 0; i < records.size(); i++) {
                        String line = records.get(i).toString();
                        if (i == broken) {
                            line = line.substring(0, random.nextInt(line.length()));
                            record = i + 1;
                            valid = line.isBlank() ? null : false;
                        }
                        s.append(List.of("", "\n", "   \n", "\r\n", "\t\n").get(random.nextInt(5)));
                        s.append(line).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
                    }
                    if (random.nextBoolean()) {
                        s.append("\n\n  \n");
                    }
                    bytes = s.toString().getBytes(StandardCharsets.UTF_8);
                }
                case 13 -> {
                    kind = "mixed-layouts";
                    String a = array(records);
                    String l = lines(records);
                    String text = switch (random.nextInt(6)) {
                        case 0 -> a + l;
                        case 1 -> l + a;
                        case 2 -> l + "[\n" + l;
                        case 3 -> "[" + l + "]";
                        case 4 -> a + a;
                        default -> records.get(0) + " " + records.get(0) + "\n";
                    };
                    bytes = text.getBytes(StandardCharsets.UTF_8);
                }
                case 14 -> {
                    kind = "junk-around";
                    String text = array ? array(records) : lines(records);
                    String[] junk = {"\uFEFF", "\uFEFF\uFEFF", "\u0000", "\u00a0", "// comment\n", "\u001f\u008b", "x", "]", "}", ",",
                        "[".repeat(5000), "{".repeat(5000), "\"", "null", "[]", "{}"};
                    String j = junk[random.nextInt(junk.length)];
                    text = random.nextBoolean() ? j + text : text + j;
                    bytes = text.getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    kind = "insert-random-bytes";
                    byte[] whole = layout(records, array);
                    int at = random.nextInt(whole.length);
                    byte[] ins = new byte[1 + random.nextInt(8)];
                    for (int i = 0; i < ins.length; i++) {
                        ins[i] = (byte) random.nextInt(256);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(whole, 0, at);
                    out.writeBytes(ins);
                    out.write(whole, at, whole.length - at);
                    bytes = out.toByteArray();
                }
            }
            if (gzip) {
                bytes = gzip(bytes);
                kind += "+gzip";
            }
            return new Case(n, kind, bytes, "fuzz-" + n + (array ? ".json" : ".jsonl") + (gzip ? ".gz" : ""),
                    record, field, valid);
        }
    }

    static byte[] replace(byte[] in, byte[] what, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            if (i + what.length <= in.length && Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                out.writeBytes(with);
                i += what.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- checks

    /** Reads every record of the case; returns the count read, or throws what the reader threw. */
    static int readAll(Case c) {
        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(c.bytes()), c.name())) {
            int n = 0;
            for (Optional<ReleasedRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                n++;
            }
            return n;
        }
    }

    /** What is wrong with the way the case was rejected, or null when nothing is. */
    static String checkMessage(Case c, RedteamException e) {
        String m = e.getMessage();
        if (e.kind() != RedteamException.Kind.BAD_INPUT) {
            return "kind " + e.kind();
        }
        if (m == null || !m.startsWith(c.name() + ":") && !m.startsWith(c.name() + " ")) {
            return "message does not start with the file name";
        }
        if (m.length() - c.name().length() > MAX_MESSAGE) {
            return "message of " + m.length() + " characters";
        }
        if (!WHERE.matcher(m).matches() && !FILE_START.matcher(m).matches()) {
            return "message names neither record nor line";
        }
        if (!FILE_START.matcher(m).matches() && !LINE.matcher(m).find()) {
            return "message names no line";
        }
        if (VALUE_RULE.matcher(m).matches() && !m.contains("field \"")) {
            return "message about a value names no field";
        }
        if (c.valid() != null && !c.valid() && c.record() != null && c.field() != null) {
            String f = c.field().length() > 60 ? c.field().substring(0, 60) : c.field();
            if (!Pattern.compile("record " + c.record() + "\\b").matcher(m).find() || !m.contains("field \"" + f)) {
                return "message does not name record " + c.record() + " and field " + f;
            }
        }
        return null;
    }

    @Test
    void tenThousandMutatedFilesFailCleanlyNamingRecordAndField() throws Exception {
        List<ObjectNode> seeds = seedRecords();
        Generator generator = new Generator(SEED, seeds);
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(daemon());
        long start = System.nanoTime();
        try {
            for (int n = 0; n < CASES; n++) {
                Case c = generator.next(n);
                kinds.merge(c.kind().replaceAll("[+ ].*", ""), 1, Integer::sum);
                Future<Integer> read = executor.submit(() -> readAll(c));
                String outcome;
                try {
                    int records = read.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
                    outcome = "accepted";
                    if (Boolean.FALSE.equals(c.valid())) {
                        failures.add(describe(c) + ": accepted " + records + " records, expected a rejection");
                    }
                } catch (TimeoutException e) {
                    outcome = "HANG";
                    read.cancel(true);
                    executor.shutdownNow();
                    executor = Executors.newSingleThreadExecutor(daemon());
                    failures.add(describe(c) + ": no answer within " + DEADLINE_MS + " ms");
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    if (t instanceof RedteamException r) {
                        outcome = "rejected";
                        String wrong = checkMessage(c, r);
                        if (wrong != null) {
                            failures.add(describe(c) + ": " + wrong + ": " + shorten(r.getMessage()));
                        } else if (Boolean.TRUE.equals(c.valid())) {
                            failures.add(describe(c) + ": a valid value was rejected: " + shorten(r.getMessage()));
                        }
                    } else {
                        outcome = "CRASH " + t.getClass().getSimpleName();
                        failures.add(describe(c) + ": crash " + t + " at " + (t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "?"));
                    }
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            executor.shutdownNow();
        }
        System.out.printf("ImporterFuzzTest: %d cases (seed %x, %d seed records) in %d ms; outcomes %s; mutations %s%n",
                CASES, SEED, seeds.size(), (System.nanoTime() - start) / 1_000_000, outcomes, kinds);
        assertNoFailures(failures);
    }

    @Test
    void failedImportsChangeNothingInTheStore() throws Exception {
        Generator generator = new Generator(SEED + 1, seedRecords());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        try (Store app = DatasetFixtures.openStore(dir)) {
            DatasetFixtures.importFile(app, DatasetFixtures.write(dir.resolve("earlier.jsonl"), SyntheticRecords.varied(), false));
            Map<String, Long> before = rowCounts(app);
            Path file = dir.resolve("in");
            Files.createDirectories(file);
            for (int n = 0; n < STORE_CASES; n++) {
                Case c = generator.next(n);
                Path f = Files.write(file.resolve(c.name()), c.bytes());
                String outcome;
                try {
                    DatasetFixtures.importFile(app, f);
                    outcome = "imported";
                    before = rowCounts(app);
                } catch (RedteamException e) {
                    outcome = "rejected " + e.kind();
                    Map<String, Long> after = rowCounts(app);
                    if (!after.equals(before)) {
                        failures.add(describe(c) + ": rows changed " + before + " -> " + after + " by a failed import: "
                                + shorten(e.getMessage()));
                        before = after;
                    }
                    if (e.kind() != RedteamException.Kind.BAD_INPUT && !(e.kind() == RedteamException.Kind.CONFLICT
                            && e.getMessage().contains("already imported"))) {
                        failures.add(describe(c) + ": kind " + e.kind() + ": " + shorten(e.getMessage()));
                    }
                } catch (RuntimeException e) {
                    outcome = "CRASH " + e.getClass().getSimpleName();
                    failures.add(describe(c) + ": crash " + e);
                    before = rowCounts(app);
                }
                outcomes.merge(outcome, 1, Integer::sum);
                Files.delete(f);
            }
        }
        System.out.printf("ImporterFuzzTest (store): %d imports in %d ms; outcomes %s%n", STORE_CASES,
                (System.nanoTime() - start) / 1_000_000, outcomes);
        assertNoFailures(failures);
    }

    static void assertNoFailures(List<String> failures) {
        assertThat(failures.isEmpty())
                .as(failures.size() + " cases broke a property; the first 30:\n" + String.join("\n", failures.subList(0, Math.min(30, failures.size()))))
                .isTrue();
    }

    static String describe(Case c) {
        return "case " + c.n() + " (" + c.kind() + (c.field() != null ? ", field " + shorten(c.field()) : "")
                + (c.record() != null ? ", record " + c.record() : "") + ", " + c.name() + ")";
    }

    static String shorten(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        };
    }
}
