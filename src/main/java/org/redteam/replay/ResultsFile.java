package org.redteam.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.redteam.problem.InvalidInputException;

/**
 * A run's {@code results.jsonl}: one {@link ReplayResults} line per finished attack × target, appended by one
 * writer, each line synced to disk before the next ({@code kill -9} loses nothing finished). A line cut short by a
 * kill is the last one, without its newline: {@link #recover} drops it.
 */
public final class ResultsFile implements AutoCloseable {
    private final FileChannel channel;

    private ResultsFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code path} for appending (created when absent). */
    public static ResultsFile append(Path path) {
        try {
            return new ResultsFile(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends the result's line and syncs it; one line at a time whatever the number of threads. */
    public synchronized void write(ReplayResult r) {
        ByteBuffer bytes = ByteBuffer.wrap((ReplayResults.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key of an item: attack id and target id. */
    public static String key(String attackId, String targetId) {
        return attackId + "\u0000" + targetId;
    }

    /**
     * What an existing results file holds: the items done (errors included) and the suite versions and targets its
     * lines name. A last line without its newline (a kill while writing it) is truncated away; any other bad line is
     * an {@link InvalidInputException} naming it.
     */
    public static Done recover(Path path) {
        Done done = new Done();
        if (!Files.exists(path)) {
            return done;
        }
        try {
            long size = Files.size(path);
            long complete = completeLength(path, size);
            if (complete < size) {
                try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    c.truncate(complete);
                    c.force(true);
                }
                done.tornDropped = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        forEach(path, r -> {
            done.items.add(key(r.attackId(), r.targetId()));
            done.suites.add(r.suiteVersion());
            done.targets.add(r.targetId());
        });
        return done;
    }

    /** The length of the file up to and including its last newline. */
    private static long completeLength(Path path, long size) throws IOException {
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1 << 16);
            long end = size;
            while (end > 0) {
                long start = Math.max(0, end - one.capacity());
                one.clear().limit((int) (end - start));
                c.read(one, start);
                for (int i = one.position() - 1; i >= 0; i--) {
                    if (one.get(i) == '\n') {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return 0;
        }
    }

    /** Streams every result of the file in order (nothing is held but the line at hand). */
    public static void forEach(Path path, Consumer<ReplayResult> action) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (!line.isBlank()) {
                    action.accept(ReplayResults.parse(line, path.getFileName() + ":" + n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The finished items of an earlier run. */
    public static final class Done {
        private final Set<String> items = new HashSet<>();
        private final Set<String> suites = new HashSet<>();
        private final Set<String> targets = new HashSet<>();
        private boolean tornDropped;

        /** Nothing done: a new run. */
        public static Done none() {
            return new Done();
        }

        public boolean contains(String attackId, String targetId) {
            return items.contains(key(attackId, targetId));
        }

        public int size() {
            return items.size();
        }

        public Set<String> suites() {
            return Set.copyOf(suites);
        }

        public Set<String> targets() {
            return Set.copyOf(targets);
        }

        /** Whether a torn last line was dropped. */
        public boolean tornDropped() {
            return tornDropped;
        }
    }
}
