package org.redteam.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.redteam.config.DemographicsSettings;
import org.redteam.demographics.DemographicsReport;
import org.redteam.demographics.DemographicsRepository;

/**
 * A datasheet for an export, after Gebru et al., "Datasheets for Datasets": Markdown, written beside the export as
 * {@code FILE.datasheet.md}, filled from the store's facts about the exported (submitted) attempts. Counts only: no
 * names, no worker ids, no free text of workers (well-being surveys are counted, never quoted).
 */
final class Datasheet {

    /** The store's facts about what export writes (submitted attempts, every campaign). */
    record Facts(List<String> campaigns, long attempts, long platformAttempts, long importedAttempts, long members,
                 Map<String, Long> targets, Map<String, Long> ratings, Instant first, Instant last, long reviews,
                 long reviewers, long surveys, Map<String, Long> scoredBy, DemographicsReport crowd) {
    }

    private Datasheet() {
    }

    static Path pathFor(Path export) {
        return export.resolveSibling(export.getFileName() + ".datasheet.md");
    }

    static Facts facts(Handle h) {
        String submitted = "FROM attempt a WHERE a.status = 'submitted'";
        List<String> campaigns = h.createQuery("SELECT DISTINCT c.name FROM attempt a JOIN campaign c ON c.id = a.campaign_id "
                + "WHERE a.status = 'submitted' ORDER BY c.name").mapTo(String.class).list();
        long attempts = h.createQuery("SELECT COUNT(*) " + submitted).mapTo(Long.class).one();
        long platform = h.createQuery("SELECT COUNT(*) " + submitted + " AND a.source = 'platform'").mapTo(Long.class).one();
        long members = h.createQuery("SELECT COUNT(DISTINCT a.worker_id) " + submitted).mapTo(Long.class).one();
        Map<String, Long> targets = new TreeMap<>();
        h.createQuery("SELECT t.model_type, t.size, t.demo, COUNT(*) AS n FROM attempt a JOIN target t ON t.id = a.target_id "
                        + "WHERE a.status = 'submitted' GROUP BY t.model_type, t.size, t.demo")
                .map((rs, ctx) -> Map.entry(rs.getString(1) + (rs.getBoolean(3) ? " (demo)" : "") + " × " + rs.getString(2),
                        rs.getLong(4)))
                .forEach(e -> targets.merge(e.getKey(), e.getValue(), Long::sum));
        Map<String, Long> ratings = new TreeMap<>();
        h.createQuery("SELECT a.rating, COUNT(*) " + submitted + " GROUP BY a.rating")
                .map((rs, ctx) -> Map.entry(String.valueOf(rs.getDouble(1)), rs.getLong(2)))
                .forEach(e -> ratings.merge(e.getKey(), e.getValue(), Long::sum));
        Instant first = h.createQuery("SELECT MIN(COALESCE(a.submitted_at, a.created_at)) " + submitted)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli).orElse(null);
        Instant last = h.createQuery("SELECT MAX(COALESCE(a.submitted_at, a.created_at)) " + submitted)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli).orElse(null);
        String answered = "FROM review_task r JOIN attempt a ON a.id = r.attempt_id "
                + "WHERE r.status = 'answered' AND a.status = 'submitted'";
        long reviews = h.createQuery("SELECT COUNT(*) " + answered).mapTo(Long.class).one();
        long reviewers = h.createQuery("SELECT COUNT(DISTINCT r.reviewer_id) " + answered).mapTo(Long.class).one();
        long surveys = h.createQuery("SELECT COUNT(*) FROM wellbeing_survey").mapTo(Long.class).one();
        Map<String, Long> scoredBy = new TreeMap<>();
        h.createQuery("SELECT a.scored_by, COUNT(*) " + submitted + " GROUP BY a.scored_by")
                .map((rs, ctx) -> Map.entry(rs.getString(1) == null ? "(none: imported scores or unscored)" : rs.getString(1),
                        rs.getLong(2)))
                .forEach(e -> scoredBy.merge(e.getKey(), e.getValue(), Long::sum));
        return new Facts(campaigns, attempts, platform, attempts - platform, members, targets, ratings, first, last,
                reviews, reviewers, surveys, scoredBy, DemographicsReport.of(List.of(),
                DemographicsRepository.counts(h, OptionalLong.empty()), DemographicsRepository.responses(h, OptionalLong.empty()),
                DemographicsSettings.DEFAULT_MIN_GROUP));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String markdown(Facts f, ExportFormat format, ExportService.Result result, Path file, String sha256,
                           ExportService.Scrubbing scrubbing) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Datasheet: ").append(file.getFileName()).append("\n\n");
        md.append("Following Gebru et al., \"Datasheets for Datasets\". Written by `redteam export --datasheet` from the "
                + "store's records; counts cover the submitted attempts the export reads (every campaign).\n\n");
        md.append("> **Content warning.** This dataset consists of attempts to make language models produce harmful "
                + "output (red teaming). It contains offensive, upsetting and dangerous text: violence, abuse, hate "
                + "speech, self-harm, sexual content, instructions for crime. Read it only with care and breaks.\n\n");

        md.append("## Motivation\n\n");
        md.append("Collected with the redteam platform for human red teaming of language models (after Ganguli et al. "
                + "2022, \"Red Teaming Language Models to Reduce Harms\"): to find, measure and reduce harmful "
                + "outputs. Campaign(s): ").append(f.campaigns().isEmpty() ? "none" : f.campaigns().stream()
                        .map(c -> "\"" + c + "\"").collect(Collectors.joining(", "))).append(".\n\n");

        md.append("## Composition\n\n");
        md.append("- Attempts (submitted): ").append(f.attempts()).append(" (").append(f.platformAttempts())
                .append(" made on the platform, ").append(f.importedAttempts()).append(" imported)\n");
        md.append("- Red team members: ").append(f.members()).append('\n');
        md.append("- Targets (model type × size: attempts; \"(demo)\" marks demo targets, not real models):\n");
        f.targets().forEach((k, v) -> md.append("  - ").append(k).append(": ").append(v).append('\n'));
        md.append("- Red team members' own success ratings (0 = failed … 4 = succeeded: attempts):\n");
        f.ratings().forEach((k, v) -> md.append("  - ").append(k).append(": ").append(v).append('\n'));
        md.append("- Reviews (answered): ").append(f.reviews()).append(" by ").append(f.reviewers()).append(" reviewers\n");
        md.append("- Harmlessness scores, by who computed them (`scored_by`: the built-in preference model when set):\n");
        f.scoredBy().forEach((k, v) -> md.append("  - ").append(k).append(": ").append(v).append('\n'));
        md.append("- Export: format `").append(format.label()).append("`, ").append(result.written())
                .append(switch (format.kind()) {
                    case RELEASED -> " records";
                    case REVIEWS -> " review rows";
                    case PAIRS -> " pairs";
                    case VERDICTS -> " verdicts (attempt × judge)";
                    case PAYMENTS -> " workers' payments";
                })
                .append(", ").append(Files.size(file)).append(" bytes, sha256 `").append(sha256).append("`\n\n");

        md.append("## Collection process\n\n");
        md.append("Crowd workers (red team members) chatted with the targets, at each turn picking the more harmful of "
                + "two responses, and rated their own success; reviewers rated and tagged submitted attempts. Attempts "
                + "were submitted (imported ones: imported) from ").append(day(f.first())).append(" to ").append(day(f.last()))
                .append(". Well-being surveys answered by workers (whole store): ").append(f.surveys())
                .append(" (counted only; their answers are not part of this dataset).\n\n");
        crowd(md, f.crowd());

        md.append("## Preprocessing\n\n");
        if (scrubbing.applied()) {
            md.append("PII scrubbing was applied (`--scrub-pii`): emails, phone numbers, street addresses, IP "
                    + "addresses, Luhn-valid card numbers, social security numbers and URLs with user info in "
                    + "transcripts, task descriptions, pair texts and review notes were replaced by `[EMAIL]`, "
                    + "`[PHONE]`, `[ADDRESS]`, `[IP]`, `[CARD]`, `[SSN]`, `[URL]` (rule-based, see "
                    + "docs/data-formats.md; names and other free-form personal details are NOT detected). "
                    + "Replacements: ").append(scrubbing.replaced().isEmpty() ? "none"
                            : new TreeMap<>(scrubbing.replaced()).toString())
                    .append(". Red team member ids and reviewers were renumbered 1, 2, 3, … in order of first "
                            + "appearance in this file (").append(scrubbing.members()).append(" members, ")
                    .append(scrubbing.reviewers()).append(" reviewers); the numbering differs from the store's ids and "
                            + "is not stable across exports.\n\n");
        } else {
            md.append("No PII scrubbing was applied: transcripts, task descriptions and notes are as workers wrote them, "
                    + "and red team member ids are the store's (or the imported release's). Use `--scrub-pii` before "
                    + "sharing.\n\n");
        }

        md.append("## Uses\n\n");
        md.append("Intended: studying and reducing harmful model behaviour (harm taxonomies, attack analysis, "
                + "training and evaluating preference or harmlessness models). Not intended: building systems that "
                + "produce the harms shown, or identifying the workers. Ratings are subjective and noisy.\n\n");

        md.append("## Distribution\n\n");
        md.append("Distributed by the campaign's operators as ").append(file.getFileName())
                .append("; check the sha256 above. Terms of use are set by the operators.\n\n");

        md.append("## Maintenance\n\n");
        md.append("Maintained by the campaign's operators; corrections are made by exporting again from the store, "
                + "which gives a new file and a new datasheet.\n");
        return md.toString();
    }

    /** Who the crowd is: the demographics questionnaire in aggregate only, an answer of few people suppressed. */
    private static void crowd(StringBuilder md, DemographicsReport crowd) {
        md.append("### Who the crowd is\n\n");
        if (crowd.answered() + crowd.skipped() == 0) {
            md.append("No demographics questionnaire was answered (`demographics:` in the campaign file).\n\n");
            return;
        }
        md.append("Optional questionnaire (whole store): ").append(crowd.answered()).append(" answered, ")
                .append(crowd.skipped()).append(" skipped. Counts of people per answer; an answer given by fewer than ")
                .append(crowd.minGroup()).append(" people shows no count or share. Never linked to the attempts.\n\n");
        for (DemographicsReport.QuestionRows q : crowd.questions()) {
            md.append("- ").append(q.text()).append(":\n");
            for (DemographicsReport.Row row : q.rows()) {
                md.append("  - ").append(row.answer()).append(": ").append(DemographicsReport.people(row, crowd.minGroup()))
                        .append(row.suppressed() ? "" : " (" + DemographicsReport.share(row) + ")").append('\n');
            }
        }
        md.append('\n');
    }

    private static String day(Instant t) {
        return t == null ? "(no attempts)" : t.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
    }
}
