package org.redteam.dataset;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.storage.StoreLocation;

/** Stores, services, fixture files and JSON helpers shared by the dataset tests. */
final class DatasetFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TABLES = List.of("campaign", "target", "worker", "import_batch", "attempt", "attempt_tag");

    private DatasetFixtures() {
    }

    static Store openStore(Path dir) {
        return openStore(StoreLocation.directory(dir.resolve("store")));
    }

    static Store openStore(StoreLocation store) {
        return App.openStore(store, CLOCK);
    }

    static ImportService importer(Store app) {
        return app.imports();
    }

    static ExportService exporter(Store app) {
        return app.exports();
    }

    static ImportService.Result importFile(Store app, Path file) {
        return importer(app).importFile(file, ImportService.Options.defaults(), bytes -> { });
    }

    /** A file under shared/data; skips the test when the shared folder or the file is absent. */
    static Path sharedFile(String relative) {
        String root = System.getProperty("redteam.shared");
        assumeTrue(root != null, "system property redteam.shared is not set");
        Path file = Path.of(root, "data").resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        return file;
    }

    /** Row counts of every table an import writes, to show a failed import changed nothing. */
    static Map<String, Long> rowCounts(Store app) {
        Map<String, Long> counts = new LinkedHashMap<>();
        app.database().jdbi().useHandle(h -> TABLES.forEach(t ->
                counts.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one())));
        return counts;
    }

    static long count(Store app, String sql) {
        return app.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The text of a file, gunzipped when its name ends in .gz. */
    static String text(Path file) {
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a file in either layout, as Jackson trees (parsed independently of the reader under test). */
    static List<JsonNode> records(Path file) {
        String text = text(file).strip();
        List<JsonNode> records = new ArrayList<>();
        try {
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(records::add);
            } else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static List<String> keys(JsonNode record) {
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static void assertReleasedKeyOrder(List<JsonNode> records) {
        assertThat(records).allSatisfy(r -> assertThat(keys(r)).containsExactlyElementsOf(ReleasedRecord.KEYS));
    }

    /** The record as a JSON object in the released key order, built with Jackson databind. */
    static ObjectNode node(ReleasedRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("transcript", r.transcript());
        n.put("min_harmlessness_score_transcript", r.minHarmlessnessScoreTranscript());
        n.put("num_params", r.numParams());
        n.put("model_type", r.modelType());
        n.put("rating", r.rating());
        n.put("task_description", r.taskDescription());
        n.put("task_descripton_harmlessness_score", r.taskDescriptionHarmlessnessScore());
        n.put("red_team_member_id", r.redTeamMemberId());
        n.put("is_upworker", r.isUpworker());
        if (r.tags() == null) {
            n.putNull("tags");
        } else {
            ArrayNode tags = n.putArray("tags");
            r.tags().forEach(tags::add);
        }
        return n;
    }

    /** Writes the records as ONE JSON array (Jackson's own pretty layout, unlike the release's) or as JSON Lines. */
    static Path write(Path file, List<ReleasedRecord> records, boolean array) {
        StringBuilder text = new StringBuilder();
        try {
            if (array) {
                ArrayNode all = JSON.createArrayNode();
                records.forEach(r -> all.add(node(r)));
                text.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            } else {
                for (ReleasedRecord r : records) {
                    text.append(JSON.writeValueAsString(node(r))).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeText(file, text.toString());
    }

    /** Writes {@code text} as UTF-8, gzip-compressed when the name ends in .gz. */
    static Path writeText(Path file, String text) {
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
