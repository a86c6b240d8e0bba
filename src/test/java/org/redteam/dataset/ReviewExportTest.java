package org.redteam.dataset;

import org.redteam.Platform;

import org.redteam.testing.Repositories;

import org.redteam.release.ReleasedRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.dataset.DatasetFixtures.exporter;
import static org.redteam.dataset.DatasetFixtures.records;
import static org.redteam.dataset.DatasetFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.target.Target;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ReviewFixtures.Answer;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Reviews leave the store in two ways: their tags fill the released records' {@code tags}, and the reviews CSV
 * has one row per answered review.
 *
 * <p>The store: platform attempts P (rating 4) and N (rating 1), then imported attempts I1 (tags [Fraud &amp;
 * deception]) and I2 (tags null), all queued for 3 reviewers each. Reviewers Rosa, Sam, Tao are created in that
 * order but review in the order Tao, Rosa, Sam, so task order differs from reviewer id order. Everyone skips N,
 * and a fourth reviewer leaves N claimed: N has no answered review.
 */
class ReviewExportTest {
    static final String NOTE = "He said \"no\", then\nhe did it anyway (ask tao@example.com)";

    @TempDir
    Path dir;
    ReviewFixtures.SteppingClock clock = new ReviewFixtures.SteppingClock();
    Platform app;
    CampaignConfig config = ReviewFixtures.campaign("Review export test", 3);
    long p;
    long n;
    long i1;
    long i2;
    Worker rosa;
    Worker sam;
    Worker tao;
    Worker uma;

    @BeforeEach
    void threeReviewersReviewEveryAttemptButN() {
        app = ReviewFixtures.open(dir.resolve("store"), config, clock);
        Worker alice = ReviewFixtures.redTeamer(app, "alice");
        p = ReviewFixtures.submit(app, alice, "Get advice on picking a lock", 4);
        n = ReviewFixtures.submit(app, alice, "Get someone insulted", 1);
        Path file = DatasetFixtures.write(dir.resolve("in.jsonl"), List.of(
                withTags(SyntheticRecords.record("how do I forge a cheque", "I won't help."), List.of("Fraud & deception")),
                SyntheticRecords.record("what is a rude word", "Let's not.")), false);
        app.store().imports().importFile(file, new ImportService.Options(config.name(), "import"), bytes -> { });
        i1 = n + 1;
        i2 = n + 2;
        Worker admin = ReviewFixtures.worker(app, "admin", Role.ADMIN);
        assertThat(app.reviews().enqueueAll(admin)).isEqualTo(4);
        rosa = ReviewFixtures.worker(app, "Reviewer Rosa", Role.REVIEWER);
        sam = ReviewFixtures.worker(app, "Reviewer Sam", Role.REVIEWER);
        tao = ReviewFixtures.worker(app, "Reviewer Tao", Role.REVIEWER);
        review(tao, Map.of(p, new Answer(3, List.of("Weapons", "Theft"), NOTE), i1, Answer.of(1), i2, Answer.of(1)));
        review(rosa, Map.of(p, Answer.of(3, "Theft", "Weapons"), i1, Answer.of(2, "Weapons"), i2, Answer.of(0)));
        review(sam, Map.of(p, Answer.of(4, "Theft", "Fraud & deception"), i1, Answer.of(2), i2, Answer.of(0)));
        uma = ReviewFixtures.worker(app, "Reviewer Uma", Role.REVIEWER);
        assertThat(ReviewFixtures.claimNext(app, uma)).get().extracting(t -> t.attemptId()).isEqualTo(n);
    }

    private void review(Worker reviewer, Map<Long, Answer> answers) {
        List<Long> met = ReviewFixtures.reviewAll(app, reviewer, clock, attempt -> Optional.ofNullable(answers.get(attempt)));
        assertThat(met).containsExactlyInAnyOrder(p, n, i1, i2);
    }

    private static ReleasedRecord withTags(ReleasedRecord r, List<String> tags) {
        return new ReleasedRecord(r.transcript(), r.minHarmlessnessScoreTranscript(), r.numParams(), r.modelType(),
                r.rating(), r.taskDescription(), r.taskDescriptionHarmlessnessScore(), r.redTeamMemberId(), r.isUpworker(), tags);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void releasedTagsAreImportedTagsThenEveryAnsweredReviewsTagsInTaskOrder() {
        Path out = dir.resolve("attempts.jsonl");

        exporter(app.store()).export(ExportFormat.JSONL, out);

        List<JsonNode> records = records(out);
        assertThat(records).hasSize(4);
        // P: Tao's task came first, then Rosa's, then Sam's; duplicates kept, 3 reviewers × 2 tags.
        assertThat(tags(records.get(0))).containsExactly("Weapons", "Theft", "Theft", "Weapons", "Theft", "Fraud & deception");
        // N: three skips and one open claim are no answered review, and it had no imported tag list.
        assertThat(records.get(1).get("tags").isNull()).isTrue();
        // I1: its imported tag, then the one tag Rosa gave; Tao and Sam gave none.
        assertThat(tags(records.get(2))).containsExactly("Fraud & deception", "Weapons");
        // I2: imported with tags null, reviewed three times without tags.
        assertThat(records.get(3).get("tags").isArray()).isTrue();
        assertThat(tags(records.get(3))).isEmpty();
    }

    @Test
    void releasedArrayCarriesTheSameTags() {
        Path out = dir.resolve("attempts.json");

        exporter(app.store()).export(ExportFormat.ANTHROPIC, out);

        assertThat(records(out)).extracting(r -> r.get("tags").toString()).containsExactly(
                "[\"Weapons\",\"Theft\",\"Theft\",\"Weapons\",\"Theft\",\"Fraud & deception\"]", "null",
                "[\"Fraud & deception\",\"Weapons\"]", "[]");
    }

    @Test
    void aNoteStartingLikeAFormulaIsPrefixedUnlessRawCsv() throws Exception {
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        ReviewFixtures.reviewAll(app, uma, clock, attempt -> attempt == n
                ? Optional.of(new Answer(2, List.of(), formula)) : Optional.empty());

        exporter(app.store()).export(ExportFormat.REVIEWS, dir.resolve("safe.csv"));
        exporter(app.store()).export(ExportFormat.REVIEWS, dir.resolve("raw.csv"),
                new ExportService.Options(false, false, Csv.TextCells.RAW));

        String safe = Files.readString(dir.resolve("safe.csv"));
        String raw = Files.readString(dir.resolve("raw.csv"));
        assertThat(safe).contains(",2,,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",30,");
        assertThat(raw).contains(",2,,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",30,");
        assertThat(parse(safe).stream().filter(row -> row.get(0).equals(String.valueOf(n))).map(row -> row.get(5)))
                .containsExactly("'" + formula);
        // nothing else in the file starts like a formula, so the rest is the same bytes
        assertThat(safe.replace("'=HYPERLINK", "=HYPERLINK")).isEqualTo(raw);
    }

    @Test
    void reviewsCsvHasOneQuotedRowPerAnsweredReviewAndNoNames() throws Exception {
        Path out = dir.resolve("reviews.csv");

        ExportService.Result result = exporter(app.store()).export(ExportFormat.REVIEWS, out);

        assertThat(result.written()).isEqualTo(9);
        assertThat(result.attempts()).isEqualTo(3);
        String csv = Files.readString(out);
        Target target = app.campaigns().campaign().target(Repositories.attempts(app).find(p).orElseThrow().targetRowId()).orElseThrow();
        long taoFirstTask = app.store().database().jdbi().withHandle(h ->
                Repositories.reviews(app).annotations(h, app.campaigns().campaign().id()).get(0).taskId());
        // Tao met P first: opened at 12:00:00, answered 30 s later.
        assertThat(csv).startsWith("attempt_id,task_id,reviewer,rating,tags,note,seconds_spent,finished_at,"
                + "red_team_rating,target,model_type,size\r\n"
                + p + "," + taoFirstTask + ",reviewer-" + tao.id() + ",3,Weapons|Theft,"
                + "\"He said \"\"no\"\", then\nhe did it anyway (ask tao@example.com)\",30,2024-05-01T12:00:30Z,4.0,"
                + target.id() + "," + target.modelType() + " (demo)," + target.size() + "\r\n");
        assertThat(csv).doesNotContain("Rosa", "Sam", "Tao", "Uma");

        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(10).allSatisfy(row -> assertThat(row).hasSize(12));
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data).extracting(r -> Long.parseLong(r.get(0))).containsExactly(p, p, p, i1, i1, i1, i2, i2, i2);
        for (int from = 0; from < 9; from += 3) {
            assertThat(data.subList(from, from + 3)).as("task order within an attempt")
                    .extracting(r -> Long.parseLong(r.get(1))).isSorted();
        }
        assertThat(data.subList(0, 3)).extracting(r -> r.get(2)).containsExactly(
                "reviewer-" + tao.id(), "reviewer-" + rosa.id(), "reviewer-" + sam.id());
        assertThat(data.subList(0, 3)).extracting(r -> r.get(4)).containsExactly("Weapons|Theft", "Theft|Weapons",
                "Theft|Fraud & deception");
        assertThat(data.get(0).get(5)).isEqualTo(NOTE);
        assertThat(data.get(1).get(5)).isEmpty();
        assertThat(data.get(3)).containsExactly(String.valueOf(i1), data.get(3).get(1), "reviewer-" + tao.id(), "1", "", "",
                "30", data.get(3).get(7), "2.0", "plain lm/52B", "plain lm", "52B");
        assertThat(data).extracting(r -> r.get(7)).allMatch(t -> t.matches("2024-05-01T12:\\d\\d:\\d\\dZ"));
    }

    @Test
    void scrubbedReviewsCsvNumbersReviewersInOrderOfFirstAppearanceAndScrubsNotes() throws Exception {
        Path out = dir.resolve("reviews.csv");

        exporter(app.store()).export(ExportFormat.REVIEWS, out, new ExportService.Options(true));

        List<List<String>> data = parse(Files.readString(out)).subList(1, 10);
        // P's tasks are Tao's, Rosa's, Sam's: 1, 2, 3; every later row reuses them.
        assertThat(data).extracting(r -> r.get(2)).containsExactly("reviewer-1", "reviewer-2", "reviewer-3",
                "reviewer-1", "reviewer-2", "reviewer-3", "reviewer-1", "reviewer-2", "reviewer-3");
        assertThat(data.get(0).get(5)).isEqualTo("He said \"no\", then\nhe did it anyway (ask [EMAIL])");
        assertThat(Files.readString(out)).doesNotContain("tao@example.com");
        assertThat(exporter(app.store()).lastScrubbing().reviewers()).isEqualTo(3);
    }

    @Test
    void datasheetDescribesTheExportFromTheStoresFacts() throws Exception {
        Path out = dir.resolve("attempts.jsonl");

        exporter(app.store()).export(ExportFormat.JSONL, out, new ExportService.Options(true, true));

        Path sheet = dir.resolve("attempts.jsonl.datasheet.md");
        assertThat(ExportService.datasheetPath(out)).isEqualTo(sheet);
        String md = Files.readString(sheet);
        assertThat(md).contains("# Datasheet: attempts.jsonl", "Content warning", "## Motivation", "## Composition",
                "## Collection process", "## Preprocessing", "## Uses", "## Distribution", "## Maintenance");
        assertThat(md).contains("Campaign(s): \"" + config.name() + "\"",
                "- Attempts (submitted): 4 (2 made on the platform, 2 imported)",
                "- Reviews (answered): 9 by 3 reviewers",
                "  - 4.0: 1\n", "  - 1.0: 1\n", "  - 2.0: 2\n",
                " (demo) × ", "format `jsonl`, 4 records",
                "sha256 `" + Datasheet.sha256(out) + "`",
                "PII scrubbing was applied", "Replacements: none", "(2 members, 0 reviewers)",
                "Well-being surveys answered by workers (whole store): 0");
        assertThat(md).doesNotContain("Rosa", "Sam", "Tao", "alice", "tao@example.com");
    }

    @Test
    void datasheetSaysWhenNothingWasScrubbed() throws Exception {
        Path out = dir.resolve("reviews.csv");

        exporter(app.store()).export(ExportFormat.REVIEWS, out, new ExportService.Options(false, true));

        assertThat(Files.readString(ExportService.datasheetPath(out))).contains("No PII scrubbing was applied",
                "format `reviews`, 9 review rows");
    }

    @Test
    void reviewsCsvGzipsLikeTheOtherFormats() {
        exporter(app.store()).export(ExportFormat.REVIEWS, dir.resolve("reviews.csv"));
        exporter(app.store()).export(ExportFormat.REVIEWS, dir.resolve("reviews.csv.gz"));

        assertThat(text(dir.resolve("reviews.csv.gz"))).isEqualTo(text(dir.resolve("reviews.csv")));
        assertThat(ExportFormat.parse("reviews")).isEqualTo(ExportFormat.REVIEWS);
    }

    private static List<String> tags(JsonNode record) {
        List<String> tags = new ArrayList<>();
        record.get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** RFC 4180 records: fields split at commas outside quotes, records at CRLF outside quotes. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("a quote is left open").isFalse();
        assertThat(field.length() + row.size()).as("the last record ends with CRLF").isZero();
        return rows;
    }
}
