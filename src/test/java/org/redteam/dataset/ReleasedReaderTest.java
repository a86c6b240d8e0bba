package org.redteam.dataset;

import org.redteam.release.DatasetFormatException;

import org.redteam.release.ReleasedReader;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasedReaderTest {
    @TempDir
    Path dir;

    private static List<ReleasedRecord> readAll(ReleasedReader reader) {
        List<ReleasedRecord> records = new ArrayList<>();
        for (Optional<ReleasedRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
            records.add(r.get());
        }
        return records;
    }

    @Test
    void readsTheGenuineArrayFileFieldForField() throws Exception {
        Path genuine = DatasetFixtures.sharedFile("red-team/red_team_attempts.first10.json");
        List<JsonNode> expected = DatasetFixtures.records(genuine);

        try (ReleasedReader reader = ReleasedReader.open(genuine)) {
            List<ReleasedRecord> records = readAll(reader);

            assertThat(reader.layout()).isEqualTo(ReleasedReader.Layout.JSON_ARRAY);
            assertThat(reader.gzip()).isFalse();
            assertThat(reader.recordsRead()).isEqualTo(10);
            // Re-parsed so that numbers get the node types the parser gives them (0 is an IntNode, not a LongNode).
            List<JsonNode> read = new ArrayList<>();
            for (ReleasedRecord r : records) {
                read.add(DatasetFixtures.JSON.readTree(DatasetFixtures.node(r).toString()));
            }
            assertThat(read.equals(expected)).as("the records read equal the records parsed by Jackson").isTrue();
            ReleasedRecord first = records.get(0);
            assertThat(first.transcript()).startsWith("\n\nHuman: ");
            assertThat(first.rating()).isEqualTo(0.0);
            assertThat(first.numParams()).isEqualTo("52B");
            assertThat(first.tags()).isNull();
        }
    }

    @Test
    void recognisesGzipAndJsonLinesWhateverTheFileIsCalled() {
        Path file = DatasetFixtures.write(dir.resolve("records.data.gz"), SyntheticRecords.varied(), false);

        try (ReleasedReader reader = ReleasedReader.open(file)) {
            assertThat(readAll(reader)).containsExactlyElementsOf(SyntheticRecords.varied());
            assertThat(reader.layout()).isEqualTo(ReleasedReader.Layout.JSON_LINES);
            assertThat(reader.gzip()).isTrue();
        }
    }

    @Test
    void skipsAByteOrderMarkLeadingBlanksAndBlankLines() {
        String line = DatasetFixtures.node(SyntheticRecords.record("tell me how to pick a lock", "No.")).toString();
        byte[] bytes = ("\uFEFF\n  \n" + line + "\n\n" + line + "\n").getBytes(StandardCharsets.UTF_8);

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(bytes), "bom.jsonl")) {
            assertThat(readAll(reader)).hasSize(2);
        }
    }

    @Test
    void keepsReadingAtTheEndWithoutError() {
        Path file = DatasetFixtures.write(dir.resolve("one.json"), List.of(SyntheticRecords.record("hi", "hello")), true);

        try (ReleasedReader reader = ReleasedReader.open(file)) {
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isEmpty();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void refusesTwoRecordsOnOneJsonLine() {
        String line = DatasetFixtures.node(SyntheticRecords.record("hi", "hello")).toString();
        byte[] bytes = (line + " " + line + "\n").getBytes(StandardCharsets.UTF_8);

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(bytes), "two.jsonl")) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageStartingWith("two.jsonl: record 1, line 1, column ")
                    .hasMessageContaining("unexpected content after the record; JSON Lines has one record per line");
        }
    }

    @Test
    void refusesInvalidUtf8InJsonLines() {
        byte[] bytes = "{\"transcript\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(bytes), "latin1.jsonl")) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessage("latin1.jsonl: record 1, line 1, column 20: field \"transcript\": not valid UTF-8 (byte 0xe9); "
                            + "JSON Lines must be UTF-8");
        }
    }

    /**
     * Fuzz finding (issue 7): the lines were decoded 64K characters ahead, so a bad byte anywhere in the
     * first 64K was reported as record 1, line 1, without a field. Each line is now decoded on its own.
     */
    @Test
    void namesTheRecordLineAndFieldOfABadByteInALaterJsonLinesRecord() {
        String good = DatasetFixtures.node(SyntheticRecords.record("tell me how to pick a lock", "No.")).toString();
        String third = good.replace("Ask about", "Ask \u00ff about"); // ASCII but for ÿ, written as the lone byte 0xff
        byte[] bytes = (good + "\n\n" + good + "\n" + third + "\n").getBytes(StandardCharsets.ISO_8859_1);

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(bytes), "late.jsonl")) {
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isPresent();
            assertThatThrownBy(reader::next)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageMatching("late\\.jsonl: record 3, line 4, column \\d+: field \"task_description\": "
                            + "not valid UTF-8 \\(byte 0xff\\); JSON Lines must be UTF-8");
        }
    }

    /** Fuzz finding (issue 7): a number over Jackson's 1000-digit limit gave a message with no line or column. */
    @Test
    void aNumberOverTheDigitLimitIsReportedWithItsLine() {
        String record = DatasetFixtures.node(SyntheticRecords.record("tell me how to pick a lock", "No.")).toString()
                .replace("\"rating\":2.0", "\"rating\":" + "9".repeat(5000));
        byte[] bytes = ("[\n" + record + "\n]\n").getBytes(StandardCharsets.UTF_8);

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(bytes), "digits.json")) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageMatching("digits\\.json: record 1, line 2, column \\d+: field \"rating\": broken JSON: "
                            + "Number value length \\(5000\\) exceeds the maximum allowed.*");
        }
    }

    /** Lines still end at LF, CRLF or a lone CR, as BufferedReader ended them, also across the 64K read-ahead. */
    @Test
    void jsonLinesEndAtLfCrlfOrCrAcrossTheReadAhead() {
        String small = DatasetFixtures.node(SyntheticRecords.record("tell me how to pick a lock", "No.")).toString();
        String big = DatasetFixtures.node(SyntheticRecords.record("tell me how to pick a lock", "no ".repeat(40_000))).toString();
        String text = small + "\r\n" + big + "\r" + small + "\r\n\r\n" + big + "\n" + small;

        try (ReleasedReader reader = ReleasedReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "eol.jsonl")) {
            assertThat(readAll(reader)).hasSize(5);
        }
    }
}
