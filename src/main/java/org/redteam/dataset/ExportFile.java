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
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.redteam.problem.InvalidInputException;

/**
 * How an export reaches its file: written to a temporary file beside it, then moved into place, so a failed
 * export never leaves a half-written file where the old one was.
 */
final class ExportFile {
    private ExportFile() {
    }

    /** What goes into the file; {@link #write} closes the stream. */
    @FunctionalInterface
    interface Body<T> {
        T write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code out} ({@code .gz}: gzip-compressed) through a temporary file beside it, moved into place only when
     * {@code body} has written it whole; returns what {@code body} returned.
     */
    static <T> T write(Path out, Body<T> body) {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out: " + out + " is a directory; give a file name");
        }
        Path target = out.toAbsolutePath();
        Path temp = tempBeside(target);
        try {
            T result;
            try (OutputStream stream = open(temp, target.getFileName().toString().endsWith(".gz"))) {
                result = body.write(stream);
            }
            moveIntoPlace(temp, target);
            return result;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A fresh temporary file name in the target's directory (same file system, so the move is atomic). */
    private static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
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
