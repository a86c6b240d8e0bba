package org.redteam.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedJson;

/**
 * The suite file: JSON Lines, one {@link Attack} per line, {@code {"id", "source": {…}, "task_description",
 * "turns": […], "tags": […], "rating", "model_type", "num_params"}} (docs/replay.md). A suite is frozen: its
 * version is the SHA-256 of its bytes ({@link #version}), which every result of a replay names, so a resumed run
 * refuses a suite that changed.
 */
public final class SuiteFile {
    private static final ObjectMapper JSON = new ObjectMapper(ReleasedJson.FACTORY);

    private SuiteFile() {
    }

    /** The first 16 hex digits of the SHA-256 of the file's bytes. */
    public static String version(Path suite) {
        try (InputStream in = Files.newInputStream(suite)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read suite " + suite + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the suite one attack at a time (a 40,000-attack suite is never held whole). A bad line is an
     * {@link InvalidInputException} naming the file, the line and the field; a duplicate id names both lines.
     */
    public static Reader open(Path suite) {
        try {
            return new Reader(suite, Files.newBufferedReader(suite, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read suite " + suite + ": " + e.getMessage(), e);
        }
    }

    /** Every attack of the suite, checked (for tests and small suites; replay streams with {@link #open}). */
    public static List<Attack> readAll(Path suite) {
        List<Attack> all = new ArrayList<>();
        try (Reader r = open(suite)) {
            r.forEachRemaining(all::add);
        }
        return all;
    }

    /** The attack as one suite line (without the newline). */
    public static String line(Attack a) {
        try {
            return JSON.writeValueAsString(AttackJson.toJson(a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code attacks} to {@code out} through a temporary file beside it, moved into place only when every
     * attack was written: a failure part-way leaves no suite (and an older one at {@code out} untouched).
     *
     * @return how many attacks were written
     */
    public static long write(Path out, Iterator<Attack> attacks) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".suite-", ".tmp");
            long n = 0;
            Set<String> ids = new HashSet<>();
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                while (attacks.hasNext()) {
                    Attack a = attacks.next();
                    if (!ids.add(a.id())) {
                        throw new InvalidInputException("two attacks have the id " + a.id() + ": ids must be unique in a suite");
                    }
                    stream.write(line(a).getBytes(StandardCharsets.UTF_8));
                    stream.write('\n');
                    n++;
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write suite " + out + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // only a leftover temporary file
                }
            }
        }
    }

    /** Parses one suite line; {@code where} ("suite.jsonl:12", "replay item 7") starts every error. */
    static Attack parse(String line, String where) {
        return AttackJson.parse(line, where);
    }

    /** The attacks of one suite file, read a line at a time; blank lines are skipped. */
    public static final class Reader implements Iterator<Attack>, Closeable {
        private final Path path;
        private final BufferedReader in;
        private final IdLines seen = new IdLines();
        private long lineNumber;
        private Attack next;

        private Reader(Path path, BufferedReader in) {
            this.path = path;
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String where = path.getFileName() + ":" + lineNumber;
                    Attack a = AttackJson.parse(line, where);
                    long first = seen.putIfAbsent(a.id(), lineNumber);
                    if (first != 0) {
                        throw new InvalidInputException(where + ": field 'id' " + a.id() + " is already the id of line " + first);
                    }
                    next = a;
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new InvalidInputException("cannot read suite " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Attack next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Attack a = next;
            next = null;
            return a;
        }

        /** The line the last attack returned came from. */
        public long lineNumber() {
            return lineNumber;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
