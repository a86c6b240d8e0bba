package org.redteam.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.Transcript;
import org.redteam.attempt.Turn;
import org.redteam.problem.InvalidInputException;
import org.redteam.target.Target;

/**
 * Exports submitted attempts (open ones never), in id order, streaming: attempts are read in chunks
 * of {@link #CHUNK} and written as they come. The file is written next to its destination under a
 * temporary name and moved into place at the end, so a failed export leaves no partial file. A
 * destination ending in {@code .gz} is gzip-compressed.
 */
public final class ExportService {
    static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final AttemptRepository attempts;
    private final DatasetRepository dataset = new DatasetRepository();

    public ExportService(Jdbi jdbi, AttemptRepository attempts) {
        this.jdbi = jdbi;
        this.attempts = attempts;
    }

    /** What an export wrote: attempts read, and lines or array elements written (pairs for pair formats). */
    public record Result(ExportFormat format, long attempts, long written, Path out) {
    }

    public Result export(ExportFormat format, Path out) {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out: " + out + " is a directory; give a file name");
        }
        Path target = out.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Result result;
            try (OutputStream stream = open(temp, target.getFileName().toString().endsWith(".gz"))) {
                result = write(format, stream, out);
            }
            moveIntoPlace(temp, target);
            return result;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static OutputStream open(Path temp, boolean gzip) throws IOException {
        OutputStream file;
        try {
            file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--out: the directory " + temp.getParent() + " does not exist", e);
        }
        return gzip ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
    }

    private Result write(ExportFormat format, OutputStream stream, Path out) throws IOException {
        long[] attemptCount = {0};
        if (format.released()) {
            try (ReleasedWriter writer = new ReleasedWriter(stream, format == ExportFormat.ANTHROPIC)) {
                forEachSubmitted(true, (row, tags, h) -> {
                    writer.write(released(row, tags, h));
                    attemptCount[0]++;
                });
                writer.finish();
                return new Result(format, attemptCount[0], writer.written(), out);
            }
        }
        try (PairWriter writer = new PairWriter(stream, format == ExportFormat.DPO)) {
            forEachSubmitted(false, (row, tags, h) -> {
                if (!row.imported()) {
                    writer.write(attempts.turns(h, row.id()));
                    attemptCount[0]++;
                }
            });
            writer.finish();
            return new Result(format, attemptCount[0], writer.written(), out);
        }
    }

    /** Receives one submitted attempt with its tags (empty unless asked for) and the handle reading it. */
    private interface RowSink {
        void accept(DatasetRepository.ExportRow row, List<String> tags, Handle h) throws IOException;
    }

    private void forEachSubmitted(boolean withTags, RowSink sink) throws IOException {
        try (Handle h = jdbi.open()) {
            long after = 0;
            List<DatasetRepository.ExportRow> rows;
            while (!(rows = dataset.submittedAfter(h, after, CHUNK)).isEmpty()) {
                long last = rows.get(rows.size() - 1).id();
                Map<Long, List<String>> tags = withTags ? dataset.tags(h, rows.get(0).id(), last) : Map.of();
                for (DatasetRepository.ExportRow row : rows) {
                    sink.accept(row, tags.getOrDefault(row.id(), List.of()), h);
                }
                after = last;
            }
        }
    }

    /** The released record of a stored attempt: see docs/data-formats.md, "What export writes". */
    private ReleasedRecord released(DatasetRepository.ExportRow row, List<String> tags, Handle h) {
        String transcript = row.importedTranscript() != null ? row.importedTranscript()
                : Transcript.of(attempts.turns(h, row.id()));
        String modelType = Target.labelledModelType(row.modelType(), row.demo());
        long member = row.sourceMemberId() != null ? row.sourceMemberId() : row.workerId();
        return new ReleasedRecord(transcript, row.minHarmlessness(), row.size(), modelType, row.rating(),
                row.taskDescription(), row.taskDescriptionHarmlessness(), member, row.upworker(),
                row.tagsListed() ? tags : null);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the export's own outcome is what the user needs to hear about
        }
    }
}
