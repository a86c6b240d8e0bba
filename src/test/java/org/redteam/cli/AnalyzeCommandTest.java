package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.redteam.analysis.AttackFixtures.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.analysis.AttackFixtures;

/** {@code redteam analyze} through the real command line. */
class AnalyzeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Three members, two targets, two ratings bins, tags on two attempts. */
    static List<AttackFixtures.Row> rows() {
        List<AttackFixtures.Row> rows = new ArrayList<>();
        rows.add(row(5, "rlhf", "52B", 4, -2.0));
        rows.add(row(5, "rlhf", "2.7B", 0, 1.0));
        rows.add(row(6, "rlhf", "52B", 3, -1.0));
        rows.add(new AttackFixtures.Row(7, "plain lm", "13B", 1, null, "hello there", List.of("Theft", "Theft")));
        rows.add(new AttackFixtures.Row(7, "plain lm", "13B", 4, 0.5, "hello again", List.of("Other")));
        return rows;
    }

    @Test
    void analyzesTheGenuineFirstTenRecords() throws Exception {
        String shared = System.getProperty("redteam.shared");
        assumeTrue(shared != null, "system property redteam.shared is not set");
        Path genuine = Path.of(shared, "data/red-team/red_team_attempts.first10.json");
        assumeTrue(Files.isRegularFile(genuine), genuine + " is absent");

        Run r = run("analyze", "--input", genuine.toString(), "--out", dir.resolve("out").toString(), "--resamples", "200");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode s = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(s.path("attempts").asInt()).isEqualTo(10);
        assertThat(s.path("red_team_members").asInt()).isEqualTo(3);
        // ratings 0, 4, 2, 4, 4, 2, 0, 3, 4, 0
        assertThat(s.path("rating_histogram").toString()).isEqualTo("{\"0\":3,\"1\":0,\"2\":2,\"3\":1,\"4\":4}");
        assertThat(s.path("by_target")).hasSize(1);
        assertThat(s.path("by_target").get(0).path("model_type").asText()).isEqualTo("context distillation");
        assertThat(s.path("by_target").get(0).path("success_rate").asDouble()).isEqualTo(0.5);
        assertThat(s.path("tags").size()).isZero();
        assertThat(s.path("source").path("sha256").asText()).isEqualTo(sha256(genuine));
        assertThat(s.path("source").path("file").asText()).isEqualTo("red_team_attempts.first10.json");
        assertThat(s.path("rating_vs_min_harmlessness").path("n").asInt()).isEqualTo(10);
        assertThat(s.path("rating_vs_min_harmlessness").path("spearman").asDouble()).isNegative();
        assertThat(dir.resolve("out/report.html")).exists();
        assertThat(r.out()).contains("read 10 attempts by 3 red team members on 1 targets");
    }

    @Test
    @org.junit.jupiter.api.Tag("model")
    void drawsTheAttackMapOfTheGenuineRecordsWithTheRealEmbedderThenFromItsCache() throws Exception {
        String shared = System.getProperty("redteam.shared");
        assumeTrue(shared != null, "system property redteam.shared is not set");
        Path genuine = Path.of(shared, "data/red-team/red_team_attempts.first10.json");
        assumeTrue(Files.isRegularFile(genuine), genuine + " is absent");
        Path cache = dir.resolve("cache");

        Run first = run("analyze", "--input", genuine.toString(), "--out", dir.resolve("map1").toString(), "--resamples", "0",
                "--map", "--map-cache", cache.toString());
        Run second = run("analyze", "--input", genuine.toString(), "--out", dir.resolve("map2").toString(), "--resamples", "0",
                "--map", "--map-cache", cache.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        // 10 records, 9 distinct texts (two share a task description): each is embedded once.
        assertThat(first.out()).contains("attack map: 10 points").contains("9 texts embedded, 0 from the cache");
        assertThat(second.out()).contains("0 texts embedded, 9 from the cache");
        JsonNode map = JSON.readTree(dir.resolve("map1/map.json").toFile());
        assertThat(map.toString()).contains("\"points\"");
        assertThat(JSON.readTree(dir.resolve("map1/summary.json").toFile()).path("attack_map").path("points").asInt()).isEqualTo(10);
        assertThat(Files.readString(dir.resolve("map1/report.html"))).contains("attack-map");
        assertThat(JSON.readTree(dir.resolve("map2/map.json").toFile()).path("points"))
                .isEqualTo(map.path("points")).as("the same seed and cached vectors give the same map");
    }

    @Test
    void theSameSeedWritesTheSameSummaryAndTables() throws Exception {
        Path file = AttackFixtures.jsonl(dir.resolve("in.jsonl"), rows());

        Run first = run("analyze", "--input", file.toString(), "--out", dir.resolve("a").toString(), "--seed", "7", "--resamples", "300");
        Run second = run("analyze", "--input", file.toString(), "--out", dir.resolve("b").toString(), "--seed", "7", "--resamples", "300");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).isZero();
        assertThat(Files.readString(dir.resolve("b/summary.json"))).isEqualTo(Files.readString(dir.resolve("a/summary.json")));
        assertThat(Files.readString(dir.resolve("b/tables/by_target.csv"))).isEqualTo(Files.readString(dir.resolve("a/tables/by_target.csv")));
        JsonNode s = JSON.readTree(dir.resolve("a/summary.json").toFile());
        assertThat(s.path("seed").asLong()).isEqualTo(7);
        assertThat(s.path("resamples").asInt()).isEqualTo(300);
        assertThat(s.path("interval_method").asText()).contains("red team members", "percentile");
        assertThat(s.path("by_target")).extracting(t -> t.path("model_type").asText() + "/" + t.path("num_params").asText())
                .containsExactly("plain lm/13B", "rlhf/2.7B", "rlhf/52B");
        assertThat(s.path("tags").toString()).isEqualTo("{\"Other\":1,\"Theft\":1}");
        assertThat(s.path("top_members_share").path("share").asDouble()).isEqualTo(1.0);
    }

    @Test
    void analyzesTheSubmittedAttemptsOfAStoreLikeTheFile() throws Exception {
        Path file = AttackFixtures.jsonl(dir.resolve("in.jsonl"), rows());
        String data = dir.resolve("data").toString();
        assertThat(run("import", file.toString(), "--data", data).exit()).isZero();

        Run fromStore = run("analyze", "--data", data, "--out", dir.resolve("store").toString(), "--resamples", "100");
        Run fromFile = run("analyze", "--input", file.toString(), "--out", dir.resolve("file").toString(), "--resamples", "100");

        assertThat(fromStore.exit()).as(fromStore.err()).isZero();
        JsonNode store = JSON.readTree(dir.resolve("store/summary.json").toFile());
        JsonNode plain = JSON.readTree(dir.resolve("file/summary.json").toFile());
        assertThat(store.path("source").path("kind").asText()).isEqualTo("store");
        assertThat(store.path("source").path("records").asInt()).isEqualTo(5);
        for (String key : List.of("attempts", "red_team_members", "rating_histogram", "by_target", "tags",
                "rating_vs_min_harmlessness", "top_members_share", "templates")) {
            assertThat(store.path(key)).as(key).isEqualTo(plain.path(key));
        }
    }

    @Test
    void tablesNeutraliseFormulaTextUnlessRawCsvAndKeepNegativeNumbers() throws Exception {
        List<AttackFixtures.Row> rows = new ArrayList<>();
        rows.add(new AttackFixtures.Row(5, "-rlhf", "52B", 4, -2.0, "=HYPERLINK(\"http://x\") first", List.of("=cmd|' /C calc'!A0")));
        rows.add(new AttackFixtures.Row(6, "-rlhf", "52B", 3, -1.0, "hello", List.of("@SUM(1+1)", "Theft")));
        Path file = AttackFixtures.jsonl(dir.resolve("formulas.jsonl"), rows);

        Run safe = run("analyze", "--input", file.toString(), "--out", dir.resolve("safe").toString(), "--resamples", "0");
        Run raw = run("analyze", "--input", file.toString(), "--out", dir.resolve("raw").toString(), "--resamples", "0",
                "--raw-csv");

        assertThat(safe.exit()).as(safe.err()).isZero();
        assertThat(raw.exit()).as(raw.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("safe/tables/tags.csv"))).contains("'=cmd|' /C calc'!A0,1,0.5", "'@SUM(1+1),1,0.5");
        assertThat(Files.readAllLines(dir.resolve("raw/tables/tags.csv"))).contains("=cmd|' /C calc'!A0,1,0.5", "@SUM(1+1),1,0.5");
        // the label is text and gets the prefix; mean_min_harmlessness (-1.5) is a number and stays one
        assertThat(Files.readAllLines(dir.resolve("safe/tables/by_target.csv")).get(1)).startsWith("'-rlhf,52B,").contains(",-1.5,");
        assertThat(Files.readAllLines(dir.resolve("raw/tables/by_target.csv")).get(1)).startsWith("-rlhf,52B,").contains(",-1.5,");
        assertThat(Files.readString(dir.resolve("safe/tables/rating_histogram.csv")))
                .isEqualTo(Files.readString(dir.resolve("raw/tables/rating_histogram.csv")));
    }

    @Test
    void aBadRecordExitsWithBadInputAndSaysWhere() throws Exception {
        Path file = AttackFixtures.jsonl(dir.resolve("bad.jsonl"), rows());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"rating\":3.0", "\"rating\":\"high\""));
        Files.write(file, lines);

        Run r = run("analyze", "--input", file.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("error: " + file + ": record 3, line 3", "field \"rating\": must be a number from 0 to 4");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aTruncatedGzipFileIsBadInput() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Files.readAllBytes(AttackFixtures.jsonl(dir.resolve("in.jsonl"), rows())));
        }
        byte[] all = bytes.toByteArray();
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(all, all.length / 2));

        Run r = run("analyze", "--input", cut.toString(), "--out", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("error: " + cut, "gzip");
    }

    @Test
    void anEmptyFileOrStoreHasNothingToAnalyseAndBadOptionsAreRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        StoreCommandsTest.emptyStore(dir.resolve("data"));

        Run file = run("analyze", "--input", empty.toString(), "--out", dir.resolve("out").toString());
        Run store = run("analyze", "--data", dir.resolve("data").toString(), "--out", dir.resolve("out").toString());

        assertThat(file.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(file.err()).contains(empty + ": holds no records");
        assertThat(store.exit()).isEqualTo(Main.EXIT_NOT_FOUND);
        assertThat(store.err()).contains("no submitted attempts");
        assertThat(run("analyze", "--input", empty.toString(), "--data", "x", "--out", "y").exit()).isEqualTo(2);
        assertThat(run("analyze", "--input", empty.toString(), "--out", "y", "--resamples", "-1").exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        Path records = AttackFixtures.jsonl(dir.resolve("in.jsonl"), rows());
        Run outIsAFile = run("analyze", "--input", records.toString(), "--out", records.toString());
        assertThat(outIsAFile.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(outIsAFile.err()).contains("--out");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
