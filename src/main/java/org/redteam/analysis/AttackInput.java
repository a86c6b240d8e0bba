package org.redteam.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.redteam.release.DatasetFormatException;
import org.redteam.release.ReleasedReader;
import org.redteam.release.ReleasedRecord;

/**
 * Reads a file in the released format (JSON array or JSON Lines, plain or gzip) into {@link Attacks}, with the
 * SHA-256 of the file's bytes as stored. The file is read, hashed and inflated on a second thread
 * ({@link ReadAhead}) while this one parses. A record that breaks the format fails with the reader's
 * {@link DatasetFormatException} (file, record, line, field); a file without records fails too.
 */
public final class AttackInput {

    /** The attempts and where they came from. */
    public record Loaded(Attacks attacks, AnalysisSource source) {
    }

    private AttackInput() {
    }

    public static Loaded readFile(Path file) {
        ReadAhead text;
        try {
            text = ReadAhead.open(file);
        } catch (IOException e) {
            throw new DatasetFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Attacks.Builder attacks = Attacks.builder();
        try (ReleasedReader reader = ReleasedReader.open(text, file.toString())) {
            Optional<ReleasedRecord> record;
            while ((record = reader.next()).isPresent()) {
                attacks.add(record.get());
            }
            text.transferTo(OutputStream.nullOutputStream()); // to the end, for the hash
        } catch (IOException e) {
            throw new DatasetFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (attacks.size() == 0) {
            throw new DatasetFormatException(file + ": holds no records; nothing to analyse");
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            bytes = -1;
        }
        AnalysisSource source = AnalysisSource.file(file.getFileName().toString(), text.sha256(), bytes, attacks.size());
        return new Loaded(attacks.build(), source);
    }
}
