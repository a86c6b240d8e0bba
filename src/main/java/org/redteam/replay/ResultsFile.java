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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.redteam.problem.InvalidInputException;

/**
 * A run's {@code results.jsonl}: one {@link ReplayResults} line per finished attack × target, appended by one
 * writer thread, every line synced to disk ({@code kill -9} loses nothing written). Lines that arrive while the
 * writer syncs are written and synced together (a group commit), so a slow disk does not hold the items in flight.
 * A line cut short by a kill is the last one, without its newline: {@link #recover} drops it.
 */
public final class ResultsFile implements AutoCloseable {
    private static final String END = new String("end of results");
    private final FileChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(1024);
    private final Thread writer;
    private volatile IOException failure;

    private ResultsFile(FileChannel channel, String name) {
        this.channel = channel;
        this.writer = new Thread(this::writeUntilClosed, "results-writer " + name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens {@code path} for appending (created when absent). */
    public static ResultsFile append(Path path) {
        try {
            return new ResultsFile(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands the result's line to the writer (waiting while 1,024 lines are pending); a failure of the writer is thrown
     * here, on the next line.
     */
    public void write(ReplayResult r) {
        failed();
        try {
            lines.put(ReplayResults.line(r) + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a result to the writer", e);
        }
    }

    private void failed() {
        if (failure != null) {
            throw new UncheckedIOException("cannot write the results: " + failure.getMessage(), failure);
        }
    }

    private void writeUntilClosed() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch);
                boolean end = batch.remove(END);
                if (failure == null && !batch.isEmpty()) {
                    try {
                        ByteBuffer bytes = ByteBuffer.wrap(String.join("", batch).getBytes(StandardCharsets.UTF_8));
                        while (bytes.hasRemaining()) {
                            channel.write(bytes);
                        }
                        channel.force(false);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                batch.clear();
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes and syncs every line handed over, then closes the file. */
    @Override
    public void close() {
        try {
            lines.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        failed();
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
