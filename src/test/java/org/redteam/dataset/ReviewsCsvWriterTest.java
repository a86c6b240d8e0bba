package org.redteam.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redteam.review.Annotation;

/**
 * Formula injection in the reviews CSV: every text column (reviewer, tags, note, target, model_type, size)
 * starting with =, +, -, @, tab or CR gets a leading ' (and is quoted when RFC 4180 requires); ids, ratings,
 * seconds and times never; {@link Csv.TextCells#RAW} writes everything as it is.
 */
class ReviewsCsvWriterTest {
    static final List<String> DANGEROUS = List.of("=", "+", "-", "@", "\t", "\r");

    private static String csv(Csv.TextCells text, String start) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReviewsCsvWriter writer = new ReviewsCsvWriter(bytes, text)) {
            Annotation a = new Annotation(12, 34, 5, 3, List.of(start + "tag", "Theft"), Optional.of(start + "note"),
                    Optional.of(61L), Instant.parse("2026-01-02T03:04:05Z"), 2.0, 1);
            DatasetRepository.ExportRow row = new DatasetRepository.ExportRow(34, false, 2.0, "task", -0.5, null, false,
                    null, false, start + "target", start + "model", start + "52B", false, 5, null);
            writer.write(a, row, start + "reviewer", start + "note");
            writer.finish();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void prefixesEveryTextCellStartingWithAFormulaCharacter() throws Exception {
        for (String c : DANGEROUS) {
            String q = c.equals("\r") ? "\"" : ""; // a CR makes the field quoted
            String expected = "34,12," + q + "'" + c + "reviewer" + q + ",3," + q + "'" + c + "tag|Theft" + q + ","
                    + q + "'" + c + "note" + q + ",61,2026-01-02T03:04:05Z,2.0," + q + "'" + c + "target" + q + ","
                    + q + "'" + c + "model" + q + "," + q + "'" + c + "52B" + q + "\r\n";

            assertThat(csv(Csv.TextCells.NEUTRALISED, c)).as("start %s", c.codePointAt(0)).endsWith("\r\n" + expected);
        }
    }

    @Test
    void rawWritesTextCellsAsTheyAre() throws Exception {
        for (String c : DANGEROUS) {
            String q = c.equals("\r") ? "\"" : "";
            String expected = "34,12," + q + c + "reviewer" + q + ",3," + q + c + "tag|Theft" + q + "," + q + c + "note" + q
                    + ",61,2026-01-02T03:04:05Z,2.0," + q + c + "target" + q + "," + q + c + "model" + q + "," + q + c + "52B"
                    + q + "\r\n";

            assertThat(csv(Csv.TextCells.RAW, c)).as("start %s", c.codePointAt(0)).endsWith("\r\n" + expected);
        }
    }

    @Test
    void harmlessTextIsTheSameEitherWay() throws Exception {
        assertThat(csv(Csv.TextCells.NEUTRALISED, "x")).isEqualTo(csv(Csv.TextCells.RAW, "x"))
                .endsWith("\r\n34,12,xreviewer,3,xtag|Theft,xnote,61,2026-01-02T03:04:05Z,2.0,xtarget,xmodel,x52B\r\n");
    }
}
