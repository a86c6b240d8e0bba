package org.redteam.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.redteam.review.Annotation;
import org.redteam.target.Target;

/**
 * Writes answered reviews as CSV (RFC 4180: UTF-8 without a byte order mark, CRLF after every record, a field
 * that holds a comma, a double quote, CR or LF is double-quoted with its quotes doubled; nothing else is
 * quoted). One row per annotation; reviewers appear only as {@code reviewer-<worker id>}. The text columns
 * ({@link #TEXT}: reviewer, tags, note, target, model_type, size) are written by {@link Csv.TextCells}: a cell a
 * spreadsheet would read as a formula gets a leading {@code '} unless raw; ids, ratings, seconds and times are
 * written by us as numbers and ISO instants and are never prefixed.
 */
final class ReviewsCsvWriter implements AutoCloseable {
    static final List<String> HEADER = List.of("attempt_id", "task_id", "reviewer", "rating", "tags", "note",
            "seconds_spent", "finished_at", "red_team_rating", "target", "model_type", "size");
    /** Joins a review's tags (at most 2, in the order given) in the {@code tags} field; tags never contain it. */
    static final String TAG_SEPARATOR = "|";
    /** The columns holding text (worker text, labels from the campaign file); the others are numbers or times. */
    static final java.util.Set<String> TEXT = java.util.Set.of("reviewer", "tags", "note", "target", "model_type", "size");
    private static final String EOL = "\r\n";

    private final Writer out;
    private final Csv.TextCells text;
    private long written;

    ReviewsCsvWriter(OutputStream stream, Csv.TextCells text) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        this.text = text;
        row(HEADER);
    }

    /** One row: the annotation and what the export knows of its attempt and target. */
    void write(Annotation a, DatasetRepository.ExportRow attempt) throws IOException {
        write(a, attempt, a.reviewer(), a.note().orElse(""));
    }

    /** As above with the reviewer label and note given (an export with {@code --scrub-pii}: pseudonym, scrubbed). */
    void write(Annotation a, DatasetRepository.ExportRow attempt, String reviewer, String note) throws IOException {
        row(List.of(
                String.valueOf(a.attemptId()),
                String.valueOf(a.taskId()),
                reviewer,
                String.valueOf(a.rating()),
                String.join(TAG_SEPARATOR, a.tags()),
                note,
                a.secondsSpent().map(String::valueOf).orElse(""),
                DateTimeFormatter.ISO_INSTANT.format(a.finishedAt().truncatedTo(ChronoUnit.SECONDS)),
                String.valueOf(attempt.rating()),
                attempt.targetId(),
                Target.labelledModelType(attempt.modelType(), attempt.demo()),
                attempt.size()));
        written++;
    }

    private void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(TEXT.contains(HEADER.get(i)) ? text.field(fields.get(i)) : Csv.field(fields.get(i)));
        }
        out.write(EOL);
    }

    /** Rows written, the header not counted. */
    long written() {
        return written;
    }

    /** Flushes; does not close the stream. */
    void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
