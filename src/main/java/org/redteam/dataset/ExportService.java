package org.redteam.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.SignalRepository;
import org.redteam.attempt.Signals;
import org.redteam.attempt.AutomatedAttemptRepository;
import org.redteam.judge.VerdictRepository;
import org.redteam.conversation.Comparison;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedRecord;
import org.redteam.release.ReleasedWriter;
import org.redteam.review.Annotation;
import org.redteam.review.ReviewRepository;

/**
 * Exports submitted attempts (open ones never), in id order, streaming: attempts are read in chunks
 * of {@link #CHUNK} and written as they come, with one query for the tags (released formats) or the
 * answered reviews (the reviews CSV) of each chunk. The file is written next to its destination under a
 * temporary name and moved into place at the end, so a failed export leaves no partial file. A
 * destination ending in {@code .gz} is gzip-compressed.
 */
public final class ExportService {
    static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final AttemptRepository attempts;
    private final DatasetRepository dataset;
    private final ReviewRepository reviews;
    private final VerdictRepository verdicts;
    private final AutomatedAttemptRepository automated;
    private final SignalRepository signals;

    public ExportService(Jdbi jdbi, AttemptRepository attempts, ReviewRepository reviews, DatasetRepository dataset,
                         VerdictRepository verdicts, AutomatedAttemptRepository automated, SignalRepository signals) {
        this.jdbi = jdbi;
        this.attempts = attempts;
        this.reviews = reviews;
        this.dataset = dataset;
        this.verdicts = verdicts;
        this.automated = automated;
        this.signals = signals;
    }

    /**
     * Every pick of every platform attempt (open or submitted), in attempt and turn order, responses stripped:
     * the harmlessness comparisons the preference model trains on ({@code pm train --from-db}).
     */
    public List<Comparison> comparisons() {
        return attempts.comparisons().stream().map(Comparison::stripped).toList();
    }

    /**
     * What an export wrote: attempts exported (for pairs: platform attempts read; for reviews: attempts with an
     * answered review), and records, pairs or review rows written.
     */
    public record Result(ExportFormat format, long attempts, long written, Path out) {
    }

    /**
     * How to export. {@code scrubPii}: replace personal data in transcripts, task descriptions, pair texts and
     * review notes with placeholders ({@link PiiScrubber}) and number red team members and reviewers 1, 2, 3, ...
     * in order of first appearance within this export ({@link Pseudonyms}). {@code text}: how the reviews CSV writes
     * its text cells (formulas neutralised by default, raw with {@code --raw-csv}); the JSON formats ignore it.
     * {@code includeAutomated}: released formats also write the automated attempts, after the others
     * ({@link AutomatedRecords}); off by default. {@code withSignals}: released records carry the red teamers' signals
     * ({@link org.redteam.release.ReleasedSignals}); off by default, so the released format stays exact.
     */
    public record Options(boolean scrubPii, boolean datasheet, Csv.TextCells text, boolean includeAutomated, boolean withSignals) {
        public Options(boolean scrubPii, boolean datasheet, Csv.TextCells text, boolean includeAutomated) {
            this(scrubPii, datasheet, text, includeAutomated, false);
        }

        public Options(boolean scrubPii, boolean datasheet, Csv.TextCells text) {
            this(scrubPii, datasheet, text, false);
        }

        public static final Options NONE = new Options(false, false);

        public Options(boolean scrubPii) {
            this(scrubPii, false);
        }

        public Options(boolean scrubPii, boolean datasheet) {
            this(scrubPii, datasheet, Csv.TextCells.NEUTRALISED);
        }
    }

    /** Where {@code --datasheet} writes the datasheet of an export to {@code out}: {@code out.datasheet.md}. */
    public static Path datasheetPath(Path out) {
        return Datasheet.pathFor(out);
    }

    /** What one export's scrubbing did: replacements by kind, pseudonyms given. Empty when not scrubbing. */
    public record Scrubbing(boolean applied, java.util.Map<PiiScrubber.Kind, Long> replaced, int members, int reviewers) {
    }

    private volatile Scrubbing lastScrubbing = new Scrubbing(false, java.util.Map.of(), 0, 0);

    /** The scrubbing report of the last export made by this service (for the command's summary and datasheet). */
    public Scrubbing lastScrubbing() {
        return lastScrubbing;
    }

    public Result export(ExportFormat format, Path out) {
        return export(format, out, Options.NONE);
    }

    public Result export(ExportFormat format, Path out, Options options) {
        Result result = ExportFile.write(out, stream -> {
            Scrub scrub = options.scrubPii() ? new Scrub() : null;
            Result written = write(format, stream, out, scrub, options);
            lastScrubbing = scrub == null ? new Scrubbing(false, java.util.Map.of(), 0, 0)
                    : new Scrubbing(true, scrub.pii.counts(), scrub.members.size(), scrub.reviewers.size());
            return written;
        });
        if (options.datasheet()) {
            Path target = out.toAbsolutePath();
            Datasheet.Facts facts = jdbi.withHandle(Datasheet::facts);
            try {
                Files.writeString(Datasheet.pathFor(target), Datasheet.markdown(facts, format, result, target,
                        Datasheet.sha256(target), lastScrubbing));
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private Result write(ExportFormat format, OutputStream stream, Path out, Scrub scrub, Options options) throws IOException {
        return switch (format.kind()) {
            case RELEASED -> writeReleased(format, stream, out, scrub, options);
            case PAIRS -> writePairs(format, stream, out, scrub);
            case REVIEWS -> writeReviews(stream, out, scrub, options.text());
            case PAYMENTS -> throw new InvalidInputException("payments: needs the campaign's pay: (PaymentsExport.write)");
            case VERDICTS -> {
                java.util.function.UnaryOperator<String> text = scrub == null ? s -> s : scrub.pii::scrub;
                try (VerdictsWriter writer = new VerdictsWriter(stream, text)) {
                    long attempts = VerdictsWriter.writeAll(writer, after -> verdicts.after(after, CHUNK));
                    yield new Result(format, attempts, writer.written(), out);
                }
            }
        };
    }

    private Result writeReleased(ExportFormat format, OutputStream stream, Path out, Scrub scrub, Options options)
            throws IOException {
        long[] attemptCount = {0};
        boolean withSignals = options.withSignals();
        try (ReleasedWriter writer = new ReleasedWriter(stream, format == ExportFormat.ANTHROPIC)) {
            forEachChunk((rows, h) -> {
                Map<Long, DatasetRepository.AttemptTags> tags = dataset.tags(h, first(rows), last(rows));
                Map<Long, Signals> found = withSignals ? signals.between(h, first(rows), last(rows)) : Map.of();
                for (DatasetRepository.ExportRow row : rows) {
                    writer.write(Scrub.scrubbed(ReleasedRows.of(attempts, row, tags.getOrDefault(row.id(), DatasetRepository.AttemptTags.NONE), h),
                            scrub), withSignals ? SignalRecords.released(found.get(row.id()), scrub) : null);
                    attemptCount[0]++;
                }
            });
            if (options.includeAutomated()) {
                try {
                    attemptCount[0] += automated.forEachExported(CHUNK, a -> AutomatedRecords.write(writer,
                            Scrub.scrubbed(AutomatedRecords.released(a), scrub), withSignals));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            writer.finish();
            return new Result(format, attemptCount[0], writer.written(), out);
        }
    }

    /**
     * Hands every submitted attempt, in id order, to {@code sink} as the record {@code export --format anthropic}
     * would write (the data {@code analyze --data/--db} reads); streams in chunks. Returns the number of records.
     */
    public long forEachReleased(Consumer<ReleasedRecord> sink) {
        return forEachReleased(java.util.OptionalLong.empty(), (id, r) -> sink.accept(r));
    }

    /** As {@link #forEachReleased(Consumer)}, then, when {@code withAutomated}, every automated attempt ({@link AutomatedRecords}). */
    public long forEachReleased(boolean withAutomated, Consumer<ReleasedRecord> sink) {
        long count = forEachReleased(sink);
        return withAutomated ? count + automated.forEachExported(CHUNK, a -> sink.accept(AutomatedRecords.released(a))) : count;
    }

    /**
     * As {@link #forEachReleased(Consumer)}, only the attempts of {@code campaign} when given (the admin dashboard), each
     * record with its attempt id (suites from the store).
     */
    public long forEachReleased(java.util.OptionalLong campaign, java.util.function.BiConsumer<Long, ReleasedRecord> sink) {
        long[] count = {0};
        try {
            forEachChunk(campaign, (rows, h) -> {
                Map<Long, DatasetRepository.AttemptTags> tags = dataset.tags(h, first(rows), last(rows));
                for (DatasetRepository.ExportRow row : rows) {
                    sink.accept(row.id(), ReleasedRows.of(attempts, row, tags.getOrDefault(row.id(), DatasetRepository.AttemptTags.NONE), h));
                    count[0]++;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    private Result writePairs(ExportFormat format, OutputStream stream, Path out, Scrub scrub) throws IOException {
        long[] attemptCount = {0};
        java.util.function.UnaryOperator<String> text = scrub == null ? s -> s : scrub.pii::scrub;
        try (PairWriter writer = new PairWriter(stream, format == ExportFormat.DPO, text)) {
            forEachChunk((rows, h) -> {
                for (DatasetRepository.ExportRow row : rows) {
                    if (!row.imported()) {
                        writer.write(attempts.turns(h, row.id()));
                        attemptCount[0]++;
                    }
                }
            });
            writer.finish();
            return new Result(format, attemptCount[0], writer.written(), out);
        }
    }

    /** One row per answered review; {@code attempts} counts the attempts with at least one. */
    private Result writeReviews(OutputStream stream, Path out, Scrub scrub, Csv.TextCells text) throws IOException {
        Set<Long> reviewed = new HashSet<>();
        try (ReviewsCsvWriter writer = new ReviewsCsvWriter(stream, text)) {
            forEachChunk((rows, h) -> {
                Map<Long, DatasetRepository.ExportRow> byId = new HashMap<>();
                rows.forEach(row -> byId.put(row.id(), row));
                for (Annotation a : reviews.annotations(h, first(rows), last(rows))) {
                    DatasetRepository.ExportRow row = byId.get(a.attemptId());
                    if (row != null) {
                        if (scrub == null) {
                            writer.write(a, row);
                        } else {
                            writer.write(a, row, "reviewer-" + scrub.reviewers.of(a.reviewerId()),
                                    a.note().map(scrub.pii::scrub).orElse(""));
                        }
                        reviewed.add(a.attemptId());
                    }
                }
            });
            writer.finish();
            return new Result(ExportFormat.REVIEWS, reviewed.size(), writer.written(), out);
        }
    }

    /** Receives one chunk of submitted attempts, in id order, and the handle reading them. */
    private interface ChunkSink {
        void accept(List<DatasetRepository.ExportRow> rows, Handle h) throws IOException;
    }

    private void forEachChunk(ChunkSink sink) throws IOException {
        forEachChunk(java.util.OptionalLong.empty(), sink);
    }

    private void forEachChunk(java.util.OptionalLong campaign, ChunkSink sink) throws IOException {
        try (Handle h = jdbi.open()) {
            long after = 0;
            List<DatasetRepository.ExportRow> rows;
            while (!(rows = dataset.submittedAfter(h, after, CHUNK, campaign)).isEmpty()) {
                sink.accept(rows, h);
                after = last(rows);
            }
        }
    }

    private static long first(List<DatasetRepository.ExportRow> rows) {
        return rows.get(0).id();
    }

    private static long last(List<DatasetRepository.ExportRow> rows) {
        return rows.get(rows.size() - 1).id();
    }
}
