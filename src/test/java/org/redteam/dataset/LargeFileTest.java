package org.redteam.dataset;

import org.redteam.Store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.dataset.DatasetFixtures.count;
import static org.redteam.dataset.DatasetFixtures.exporter;
import static org.redteam.dataset.DatasetFixtures.importFile;
import static org.redteam.dataset.DatasetFixtures.openStore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the size of the full release imports and exports whole; wall times are printed, not asserted. */
class LargeFileTest {
    @TempDir
    Path dir;

    @Test
    void importsAndExportsAllRecordsOfAReleaseSizedFile() throws Exception {
        Path file = SyntheticReleaseFile.write(dir.resolve("red_team_attempts.jsonl.gz"), 2022);
        int n = SyntheticReleaseFile.RECORDS;
        try (Store app = openStore(dir)) {
            long start = System.nanoTime();
            ImportService.Result imported = importFile(app, file);
            long importMillis = (System.nanoTime() - start) / 1_000_000;
            Path out = dir.resolve("export.json.gz");
            start = System.nanoTime();
            ExportService.Result exported = exporter(app).export(ExportFormat.ANTHROPIC, out);
            long exportMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("import of %d records: %d ms (%.1f MB gz)%n", n, importMillis, Files.size(file) / 1e6);
            System.out.printf("export of %d records: %d ms%n", n, exportMillis);

            assertThat(imported.records()).isEqualTo(n);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt")).isEqualTo(n);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt a JOIN target t ON t.id = a.target_id "
                    + "WHERE t.size = '52B'")).isEqualTo(23_507);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt a JOIN target t ON t.id = a.target_id "
                    + "WHERE t.model_type = 'rejection sampling'")).isEqualTo(3_981);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt WHERE rating = 4")).isEqualTo(8_934);
            assertThat(count(app, "SELECT COUNT(*) FROM worker WHERE source = 'import'")).isEqualTo(324);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt WHERE is_upworker")).isEqualTo(580);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt WHERE tags_listed")).isEqualTo(742);
            assertThat(count(app, "SELECT COUNT(*) FROM target")).isEqualTo(12);
            assertThat(exported.attempts()).isEqualTo(n);
            assertThat(recordsIn(out)).isEqualTo(n);
        }
    }

    /** Counts the top-level objects of a gzip JSON array without holding them. */
    private static long recordsIn(Path gz) throws Exception {
        long records = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             JsonParser p = DatasetFixtures.JSON.getFactory().createParser(in)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                records++;
                p.skipChildren();
            }
        }
        return records;
    }
}
