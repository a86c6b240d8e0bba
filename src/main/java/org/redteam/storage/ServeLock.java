package org.redteam.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;

/**
 * One {@code serve} per SQLite store: {@code serve} holds an exclusive lock on the store's lock file
 * ({@link StoreLocation#serveLockFile()}) while it runs and writes who it is into the file (pid, host, address,
 * start time) for the message a second {@code serve} gets. The operating system releases the lock when the process
 * ends, however it ends, so a killed server leaves no stale lock; the file itself stays. Other commands never take
 * the lock: the CLI works while {@code serve} runs. PostgreSQL stores have no lock file (several {@code serve}
 * processes share one database by design).
 *
 * <p>The locked region lies beyond the file's text, so the text stays readable on systems whose locks are mandatory.
 * File locks belong to the whole process, and on POSIX systems closing <em>any</em> descriptor of the file drops
 * them; so a lock file this process holds is known from {@link #HELD_HERE} and never opened a second time.
 */
public final class ServeLock implements AutoCloseable {
    private static final long REGION = 1L << 30;
    /** Lock files held by this process → what they say; process-wide like the file locks themselves. */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private ServeLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code location} and records {@code holder} in it; a lock that does nothing when the store
     * has no lock file. A {@link StateConflictException} naming the running one when another {@code serve} holds it.
     */
    public static ServeLock acquire(StoreLocation location, String holder) {
        Optional<Path> file = location.serveLockFile();
        if (file.isEmpty()) {
            return new ServeLock(null, null, null);
        }
        Path path = file.get().toAbsolutePath().normalize();
        String here = HELD_HERE.putIfAbsent(path, holder);
        if (here != null) {
            throw running(location, path, here);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock(REGION, 1, false);
            if (lock == null) {
                String text = read(channel);
                channel.close();
                throw running(location, path, text);
            }
            ServeLock held = new ServeLock(path, channel, lock);
            held.record(holder);
            return held;
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            HELD_HERE.remove(path);
            throw new InvalidInputException("cannot take the serve lock " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(path);
            throw e;
        }
    }

    private static StateConflictException running(StoreLocation location, Path path, String holder) {
        String who = holder.strip();
        return new StateConflictException("another serve is already running on " + location.description() + ": "
                + (who.isEmpty() ? "(it has not said who it is yet)" : who) + " (lock file " + path
                + "); stop it first, or give another --data");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** Replaces what the lock file says about its holder (e.g. the address once the server listens). */
    public void record(String holder) {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            HELD_HERE.put(path, holder);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the serve lock: " + e.getMessage(), e);
        }
    }

    /** Releases the lock and empties the file; the file is not deleted (another process may be opening it). */
    @Override
    public void close() {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel below in any case
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(path);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
