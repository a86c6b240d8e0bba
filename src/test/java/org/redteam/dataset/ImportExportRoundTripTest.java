package org.redteam.dataset;

import org.redteam.Store;

import org.redteam.release.DatasetFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redteam.dataset.DatasetFixtures.assertReleasedKeyOrder;
import static org.redteam.dataset.DatasetFixtures.count;
import static org.redteam.dataset.DatasetFixtures.exporter;
import static org.redteam.dataset.DatasetFixtures.importFile;
import static org.redteam.dataset.DatasetFixtures.openStore;
import static org.redteam.dataset.DatasetFixtures.records;
import static org.redteam.dataset.DatasetFixtures.rowCounts;
import static org.redteam.dataset.DatasetFixtures.sharedFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redteam.problem.StateConflictException;
import org.redteam.storage.StoreLocation;

class ImportExportRoundTripTest {
    @TempDir
    Path dir;

    /** Where the test keeps its data: SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir.resolve("store"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"red-team/red_team_attempts.first10.json", "red-team/red_team_attempts.first10.jsonl"})
    void genuineRecordsComeBackValueForValue(String name) throws Exception {
        Path genuine = sharedFile(name);
        try (Store app = openStore(store())) {
            assertThat(importFile(app, genuine).records()).isEqualTo(10);
            Path out = dir.resolve("out.json");

            ExportService.Result result = exporter(app).export(ExportFormat.ANTHROPIC, out);

            assertThat(result.attempts()).isEqualTo(10);
            List<JsonNode> exported = records(out);
            assertThat(exported).isEqualTo(records(genuine));
            assertReleasedKeyOrder(exported);
        }
    }

    @Test
    void exportsTheGenuineFileByteForByteInBothLayouts() throws Exception {
        Path array = sharedFile("red-team/red_team_attempts.first10.json");
        Path lines = sharedFile("red-team/red_team_attempts.first10.jsonl");
        try (Store app = openStore(store())) {
            importFile(app, array);

            exporter(app).export(ExportFormat.ANTHROPIC, dir.resolve("a.json"));
            exporter(app).export(ExportFormat.JSONL, dir.resolve("a.jsonl"));

            // Python's json.dump layout (indent=2, ": " and ", ") and repr-like doubles are reproduced exactly.
            assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo(Files.readString(array));
            assertThat(Files.readString(dir.resolve("a.jsonl"))).isEqualTo(Files.readString(lines));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthetic.json", "synthetic.json.gz", "synthetic.jsonl", "synthetic.jsonl.gz"})
    void syntheticRecordsComeBackValueForValueFromEveryLayout(String name) {
        Path input = DatasetFixtures.write(dir.resolve(name), SyntheticRecords.varied(), !name.contains("jsonl"));
        try (Store app = openStore(store())) {
            importFile(app, input);
            for (ExportFormat format : List.of(ExportFormat.ANTHROPIC, ExportFormat.JSONL)) {
                Path out = dir.resolve("out." + format);

                exporter(app).export(format, out);

                List<JsonNode> exported = records(out);
                assertThat(exported).isEqualTo(records(input));
                assertReleasedKeyOrder(exported);
            }
        }
    }

    @Test
    void keepsTagListsWithDuplicatesInOrderAndTellsEmptyListsFromNull() {
        Path input = DatasetFixtures.write(dir.resolve("tags.jsonl"), SyntheticRecords.varied(), false);
        try (Store app = openStore(store())) {
            importFile(app, input);
            exporter(app).export(ExportFormat.JSONL, dir.resolve("out.jsonl"));

            List<JsonNode> out = records(dir.resolve("out.jsonl"));
            assertThat(out.get(0).get("tags").isNull()).isTrue();
            assertThat(texts(out.get(1).get("tags")))
                    .containsExactly("Hate speech & offensive language", "Hate speech & offensive language");
            assertThat(out.get(2).get("tags").isArray()).isTrue();
            assertThat(out.get(2).get("tags")).isEmpty();
            assertThat(texts(out.get(3).get("tags")))
                    .containsExactly("Conspiracy theories & misinformation", "Other", "Other", "Bullying & harassment");
            assertThat(count(app, "SELECT COUNT(*) FROM attempt_tag")).isEqualTo(2 + 4 + 1);
            assertThat(out.get(1).get("min_harmlessness_score_transcript").isNull()).isTrue();
            assertThat(out.get(4).get("red_team_member_id").asLong()).isEqualTo(9_000_000_000L);
        }
    }

    @Test
    void filesAttemptsUnderTargetsMembersAndOneBatch() {
        Path input = DatasetFixtures.write(dir.resolve("s.json"), SyntheticRecords.varied(), true);
        try (Store app = openStore(store())) {
            ImportService.Result result = importFile(app, input);

            assertThat(result.records()).isEqualTo(5);
            assertThat(count(app, "SELECT COUNT(*) FROM campaign WHERE name = 'imported'")).isEqualTo(1);
            List<String> targets = app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT target_key FROM target WHERE backend_kind = 'imported' AND NOT demo ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(targets).containsExactly("context distillation/52B", "rlhf/13B", "rejection sampling/2.7B", "plain lm/52B",
                            "context distillation/13B");
            assertThat(count(app, "SELECT COUNT(*) FROM worker WHERE source = 'import'")).isEqualTo(4);
            assertThat(count(app, "SELECT record_count FROM import_batch WHERE id = " + result.batchId())).isEqualTo(5);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt WHERE source = 'import' AND status = 'submitted' "
                    + "AND import_batch_id = " + result.batchId())).isEqualTo(5);
        }
    }

    @Test
    void refusesToImportTheSameBytesTwiceAndNamesTheEarlierBatch() throws Exception {
        Path input = DatasetFixtures.write(dir.resolve("once.jsonl"), SyntheticRecords.varied(), false);
        Path copy = Files.copy(input, dir.resolve("renamed-copy.jsonl"));
        try (Store app = openStore(store())) {
            long batch = importFile(app, input).batchId();
            var before = rowCounts(app);

            assertThatThrownBy(() -> importFile(app, copy))
                    .isInstanceOf(StateConflictException.class)
                    .hasMessageContaining("renamed-copy.jsonl was already imported as batch " + batch)
                    .hasMessageContaining("'once.jsonl'");
            assertThat(rowCounts(app)).isEqualTo(before);
        }
    }

    @Test
    void aSecondFileOfTheSameMembersReusesTheirWorkersAndTargets() {
        Path first = DatasetFixtures.write(dir.resolve("1.jsonl"), SyntheticRecords.varied(), false);
        Path second = DatasetFixtures.write(dir.resolve("2.json"), SyntheticRecords.varied(), true);
        try (Store app = openStore(store())) {
            importFile(app, first);
            importFile(app, second);

            assertThat(count(app, "SELECT COUNT(*) FROM worker")).isEqualTo(4);
            assertThat(count(app, "SELECT COUNT(*) FROM target")).isEqualTo(5);
            assertThat(count(app, "SELECT COUNT(*) FROM attempt")).isEqualTo(10);
        }
    }

    /**
     * PostgreSQL cannot store U+0000 in text; both stores refuse it as a bad record, named by record, line and
     * field like any other broken rule, and the failed import stores nothing (before, PostgreSQL failed with
     * its own error at the INSERT).
     */
    @ParameterizedTest
    @ValueSource(strings = {"transcript", "task_description", "model_type", "tags"})
    void aNulCharacterInATextIsABadRecordNamedByRecordAndFieldAndImportsNothing(String field) throws Exception {
        List<ObjectNode> nodes = new ArrayList<>();
        SyntheticRecords.varied().forEach(r -> nodes.add(DatasetFixtures.node(r)));
        ObjectNode third = nodes.get(2);
        if (field.equals("tags")) {
            third.putArray("tags").add("Other").add("Theft\u0000");
        } else {
            third.put(field, third.get(field).asText() + "\u0000 and more");
        }
        StringBuilder lines = new StringBuilder();
        for (ObjectNode n : nodes) {
            lines.append(DatasetFixtures.JSON.writeValueAsString(n)).append('\n');
        }
        assertThat(lines).contains("\\u0000");
        Path bad = DatasetFixtures.writeText(dir.resolve("nul.jsonl"), lines.toString());
        Path good = DatasetFixtures.write(dir.resolve("good.jsonl"), List.of(SyntheticRecords.record("hi", "hello")), false);
        try (Store app = openStore(store())) {
            importFile(app, good);
            var before = rowCounts(app);

            assertThatThrownBy(() -> importFile(app, bad))
                    .isInstanceOf(DatasetFormatException.class)
                    .hasMessageMatching("(?s)" + java.util.regex.Pattern.quote(bad.toString()) + ": record 3, line 3, column \\d+: field \"" + field
                            + "\": " + (field.equals("tags") ? "element 1 " : "") + "contains a NUL character \\(U\\+0000\\), which cannot be stored; remove it");
            assertThat(rowCounts(app)).isEqualTo(before);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
