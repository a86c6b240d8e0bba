package org.redteam.dataset;

import org.redteam.release.ReleasedReader;

import org.redteam.release.ReleasedRecord;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.redteam.campaign.CampaignRepository;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.problem.StoredText;
import org.redteam.storage.Constraints;
import org.redteam.worker.WorkerRepository;

/**
 * Imports a file in the released format (see {@link ReleasedReader}) as submitted attempts, all in
 * ONE transaction: a bad record anywhere, or any other failure, leaves the store as it was. A file
 * is identified by the SHA-256 of its bytes; the same bytes are never imported twice.
 */
public final class ImportService {
    public static final String DEFAULT_CAMPAIGN = "imported";
    public static final String DEFAULT_SOURCE = "import";
    private static final int MAX_NAME = 200;

    private final Jdbi jdbi;
    private final DatasetRepository dataset;
    private final CampaignRepository campaigns;
    private final WorkerRepository workers;
    private final Clock clock;

    public ImportService(Jdbi jdbi, DatasetRepository dataset, CampaignRepository campaigns, WorkerRepository workers,
                         Clock clock) {
        this.jdbi = jdbi;
        this.dataset = dataset;
        this.campaigns = campaigns;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * @param campaign the campaign the attempts are filed under (created when missing)
     * @param source   the name members are known by: member ids are unique per source, and the
     *                 same id from the same source is the same worker across imports
     */
    public record Options(String campaign, String source) {
        public Options {
            campaign = name("--campaign", campaign);
            source = name("--source", source);
        }

        public static Options defaults() {
            return new Options(DEFAULT_CAMPAIGN, DEFAULT_SOURCE);
        }

        private static String name(String option, String value) {
            String v = value == null ? "" : value.strip();
            if (v.isEmpty() || v.length() > MAX_NAME) {
                throw new InvalidInputException(option + ": must be 1–" + MAX_NAME + " characters");
            }
            return StoredText.requireNoNul(option, v);
        }
    }

    /** What an import did. */
    public record Result(long batchId, int records, String file) {
    }

    /**
     * Imports {@code file}. {@code bytesRead} hears how many bytes of the file have been read so far
     * (for a progress bar; the total is the file's size).
     */
    public Result importFile(Path file, Options options, LongConsumer bytesRead) {
        String sha256 = sha256(file);
        jdbi.useHandle(h -> refuseIfImported(h, file, sha256));
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(h -> importInTransaction(h, file, sha256, options, bytesRead, now));
        } catch (JdbiException e) {
            if (Constraints.isUniqueViolation(e)) {
                jdbi.useHandle(h -> refuseIfImported(h, file, sha256));
            }
            throw e;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Result importInTransaction(Handle h, Path file, String sha256, Options options, LongConsumer bytesRead,
                                       Instant now) throws IOException {
        refuseIfImported(h, file, sha256);
        long batchId = dataset.insertBatch(h, file.getFileName().toString(), sha256, now);
        long campaignId = campaigns.ensureCampaign(h, options.campaign(), new SecureRandom().nextLong(), now)[0];
        ImportRun run = new ImportRun(h, dataset, campaigns, workers,
                new DatasetRepository.ImportTarget(batchId, campaignId), options.source(), now);
        MessageDigest digest = sha256Digest();
        InputStream raw = new DigestInputStream(new Counting(open(file), bytesRead), digest);
        try (ReleasedReader reader = ReleasedReader.open(raw, file.toString())) {
            for (Optional<ReleasedRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                run.add(r.get());
            }
            raw.transferTo(OutputStream.nullOutputStream());
        }
        run.flush();
        if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            throw new StateConflictException(file + " changed while it was being imported; nothing was imported");
        }
        if (run.records() == 0) {
            throw new InvalidInputException(file + " holds no records; nothing was imported");
        }
        dataset.setRecordCount(h, batchId, run.records());
        return new Result(batchId, run.records(), file.toString());
    }

    private void refuseIfImported(Handle h, Path file, String sha256) {
        dataset.batchBySha256(h, sha256).ifPresent(b -> {
            throw new StateConflictException(file + " was already imported as batch " + b.id() + " (file '"
                    + b.fileName() + "', " + b.recordCount() + " records, " + b.importedAt()
                    + "); the same bytes are imported once");
        });
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(open(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reports the running total of bytes read. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer listener;
        private long count;

        Counting(InputStream in, LongConsumer listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                listener.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                listener.accept(count);
            }
            return n;
        }
    }
}
