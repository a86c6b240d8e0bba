package org.redteam.dataset;

import org.redteam.Store;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redteam.dataset.DatasetFixtures.importFile;
import static org.redteam.dataset.DatasetFixtures.openStore;
import static org.redteam.dataset.DatasetFixtures.rowCounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redteam.problem.RedteamException;

/** Every broken file fails with a message saying where, and leaves the store exactly as it was. */
class RejectsBadInputTest {
    private static final String GOOD = "{\"transcript\": \"\\n\\nHuman: tell me how to pick a lock\\n\\nAssistant: No.\", "
            + "\"min_harmlessness_score_transcript\": -0.5, \"num_params\": \"52B\", \"model_type\": \"plain lm\", "
            + "\"rating\": 1.0, \"task_description\": \"Pick a lock\", \"task_descripton_harmlessness_score\": 0.25, "
            + "\"red_team_member_id\": 3, \"is_upworker\": false, \"tags\": null}";

    @TempDir
    Path dir;
    Store app;
    Map<String, Long> before;

    @BeforeEach
    void storeWithOneEarlierImport() {
        app = openStore(dir);
        importFile(app, DatasetFixtures.write(dir.resolve("earlier.jsonl"), SyntheticRecords.varied(), false));
        before = rowCounts(app);
    }

    @AfterEach
    void close() {
        app.close();
    }

    static Stream<Arguments> brokenThirdRecords() {
        return Stream.of(
                Arguments.of("missing key", GOOD.replace("\"num_params\": \"52B\", ", ""),
                        "field \"num_params\": missing"),
                Arguments.of("wrong type", GOOD.replace("\"rating\": 1.0", "\"rating\": \"high\""),
                        "field \"rating\": must be a number from 0 to 4, got a string"),
                Arguments.of("rating 5", GOOD.replace("\"rating\": 1.0", "\"rating\": 5"),
                        "field \"rating\": must be a number from 0 to 4, got 5"),
                Arguments.of("unknown key", GOOD.replace("\"tags\": null", "\"tags\": null, \"notes\": \"x\""),
                        "field \"notes\": unknown key"),
                Arguments.of("fixed typo", GOOD.replace("task_descripton_", "task_description_"),
                        "field \"task_description_harmlessness_score\": unknown key"),
                Arguments.of("member id as text", GOOD.replace("\"red_team_member_id\": 3", "\"red_team_member_id\": \"3\""),
                        "field \"red_team_member_id\": must be a whole number"),
                Arguments.of("tags not strings", GOOD.replace("\"tags\": null", "\"tags\": [\"Theft\", 2]"),
                        "field \"tags\": element 1 must be a string, got the number 2"),
                Arguments.of("upworker as text", GOOD.replace("\"is_upworker\": false", "\"is_upworker\": \"no\""),
                        "field \"is_upworker\": must be true or false"),
                Arguments.of("broken JSON", GOOD.replace("\"rating\": 1.0", "\"rating\": tru"),
                        "field \"rating\": broken JSON"),
                Arguments.of("unterminated string", GOOD.substring(0, 40),
                        "field \"transcript\": broken JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenThirdRecords")
    void jsonLinesNameRecordLineAndField(String name, String third, String expected) {
        Path file = DatasetFixtures.writeText(dir.resolve("bad.jsonl"), String.join("\n", GOOD, "", GOOD.replace("3,", "4,"),
                third, GOOD) + "\n");

        assertThatThrownBy(() -> importFile(app, file))
                .isInstanceOf(RedteamException.class)
                .hasMessageStartingWith(file + ": record 3, line 4")
                .hasMessageContaining(expected);
        assertThat(rowCounts(app)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenThirdRecords")
    void arraysNameRecordParserLineAndField(String name, String third, String expected) {
        String text = "[\n" + String.join(",\n", GOOD, GOOD, third, GOOD) + (third.length() < 50 ? "" : "\n]");
        Path file = DatasetFixtures.writeText(dir.resolve("bad.json.gz"), text);

        assertThatThrownBy(() -> importFile(app, file))
                .isInstanceOf(RedteamException.class)
                .hasMessageStartingWith(file + ": record 3, line 4")
                .hasMessageContaining(expected);
        assertThat(rowCounts(app)).isEqualTo(before);
    }

    @Test
    void aBadLastRecordAfterSeveralWrittenBatchesImportsNothing() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_199; i++) {
            lines.add(GOOD.replace("\"red_team_member_id\": 3", "\"red_team_member_id\": " + (i % 40)));
        }
        lines.add(GOOD.replace("\"rating\": 1.0", "\"rating\": -1"));
        Path file = DatasetFixtures.writeText(dir.resolve("late.jsonl"), String.join("\n", lines) + "\n");

        assertThatThrownBy(() -> importFile(app, file))
                .hasMessageContaining("record 1200, line 1200")
                .hasMessageContaining("field \"rating\": must be a number from 0 to 4, got -1");
        assertThat(rowCounts(app)).isEqualTo(before);
    }

    @Test
    void aTruncatedGzipFileNamesTheRecordAndFieldItBrokeOffIn() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<ReleasedRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            char[] words = new char[20_000];
            for (int c = 0; c < words.length; c++) {
                words[c] = c % 7 == 6 ? ' ' : (char) ('a' + random.nextInt(26));
            }
            records.add(SyntheticRecords.record("tell me how to pick a lock", new String(words)));
        }
        Path whole = DatasetFixtures.write(dir.resolve("whole.json.gz"), records, true);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.json.gz"), Arrays.copyOf(bytes, bytes.length * 5 / 8));

        assertThatThrownBy(() -> importFile(app, cut))
                .isInstanceOf(RedteamException.class)
                .hasMessageMatching("(?s).*cut\\.json\\.gz: record 3, line \\d+, column \\d+: field \"transcript\": "
                        + "the data ends early or cannot be read \\(truncated or corrupt gzip\\?\\).*");
        assertThat(rowCounts(app)).isEqualTo(before);
    }

    /**
     * Fuzz finding (issue 7): a number of up to 1000 digits (Jackson's limit) was quoted whole in the
     * message; a message now quotes at most 40 characters of it.
     */
    @Test
    void aVeryLongNumberIsQuotedShortInTheMessage() {
        String digits = "9".repeat(900);
        Path rating = DatasetFixtures.writeText(dir.resolve("long-rating.jsonl"), GOOD.replace("\"rating\": 1.0", "\"rating\": " + digits) + "\n");
        Path text = DatasetFixtures.writeText(dir.resolve("long-text.jsonl"), GOOD.replace("\"num_params\": \"52B\"", "\"num_params\": " + digits) + "\n");

        assertThatThrownBy(() -> importFile(app, rating))
                .hasMessageMatching("(?s).*record 1, line 1, column \\d+: field \"rating\": must be a finite number, got 9{40}… \\(900 characters\\)");
        assertThatThrownBy(() -> importFile(app, text))
                .hasMessageMatching("(?s).*record 1, line 1, column \\d+: field \"num_params\": must be a string, got the number 9{40}… \\(900 characters\\)");
        assertThat(rowCounts(app)).isEqualTo(before);
    }

    @Test
    void namesTrailingContentAfterTheArrayAndAFileOfNeitherLayout() {
        Path trailing = DatasetFixtures.writeText(dir.resolve("trailing.json"), "[\n" + GOOD + "\n]\n]\n");
        Path neither = DatasetFixtures.writeText(dir.resolve("neither.txt"), "\n\ntranscript,rating\n");
        Path empty = DatasetFixtures.writeText(dir.resolve("empty.json"), "[\n]\n");

        assertThatThrownBy(() -> importFile(app, trailing)).hasMessageContaining("trailing.json: line 4, column 1: broken JSON");
        assertThatThrownBy(() -> importFile(app, neither))
                .hasMessageContaining("neither.txt: starts with 't'; expected the released format");
        assertThatThrownBy(() -> importFile(app, empty)).hasMessageContaining("empty.json holds no records");
        assertThatThrownBy(() -> importFile(app, dir.resolve("absent.json"))).hasMessageContaining("absent.json: no such file");
        assertThat(rowCounts(app)).isEqualTo(before);
    }
}
