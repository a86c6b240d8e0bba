package org.redteam.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for SQLite. With {@code synchronous=FULL} SQLite syncs its write-ahead log after
 * every commit; on a disk that takes 4 ms per sync that caps the store at about 250 commits a
 * second, and every commit waits for its own sync. Here the store runs with
 * {@code synchronous=NORMAL} (commits are written to the log, which is synced before each
 * checkpoint) and this class supplies the missing sync: a writer takes a ticket once its commit
 * has returned and waits until a sync of the log that <em>began after</em> its ticket has
 * finished. One sync covers every commit written before it began, so commits that arrive while a
 * sync runs share the next one. Nothing is acknowledged before its commit is on disk: the same
 * guarantee as {@code synchronous=FULL}, at a fraction of the syncs.
 */
final class WalGroupSync {
    /** Syncs the log to disk; a test substitutes a counting one. */
    interface Syncer {
        void sync() throws IOException;
    }

    private final Syncer syncer;
    private final AtomicLong written = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long synced;
    private boolean syncing;
    private final AtomicLong syncs = new AtomicLong();
    /** This thread's latest commit whose sync is still to be awaited ({@link #committedLater}). */
    private final ThreadLocal<long[]> pending = new ThreadLocal<>();

    WalGroupSync(Syncer syncer) {
        this.syncer = syncer;
    }

    /** For the SQLite file {@code database}: syncs {@code database-wal} (nothing to do while it does not exist). */
    static WalGroupSync forDatabase(Path database) {
        Path wal = database.resolveSibling(database.getFileName() + "-wal");
        return new WalGroupSync(() -> {
            try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
                channel.force(false);
            } catch (NoSuchFileException e) {
                // no log: every commit so far has been checkpointed into the database file, which SQLite synced
            }
        });
    }

    /** Call after a commit has returned: the commit is written (not yet synced); returns its ticket. */
    long committed() {
        return written.incrementAndGet();
    }

    /** Returns once a sync that began after {@code ticket} was taken has finished. */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (synced < ticket) {
                if (syncing) {
                    done.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long covers = written.get();
                lock.unlock();
                IOException failure = null;
                try {
                    syncer.sync();
                    syncs.incrementAndGet();
                } catch (IOException e) {
                    failure = e;
                } finally {
                    lock.lock();
                    syncing = false;
                    if (failure == null) {
                        synced = Math.max(synced, covers);
                    }
                    done.signalAll();
                }
                if (failure != null) {
                    throw new UncheckedIOException("the store's write-ahead log could not be synced to disk; the last change "
                            + "may be lost if the machine stops now: " + failure.getMessage(), failure);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits are durable once this returns. */
    void commitAndAwait() {
        awaitDurable(committed());
    }

    /**
     * Notes a commit of this thread whose sync is awaited by {@link #awaitPending} when its handle
     * closes, i.e. after the connection has gone back to the pool: a writer waiting for the disk
     * then holds no connection that readers need.
     */
    void committedLater() {
        long ticket = committed();
        long[] mine = pending.get();
        if (mine == null) {
            pending.set(new long[] {ticket});
        } else {
            mine[0] = Math.max(mine[0], ticket);
        }
    }

    /** Waits for this thread's noted commits, if any. */
    void awaitPending() {
        long[] mine = pending.get();
        if (mine != null) {
            pending.remove();
            awaitDurable(mine[0]);
        }
    }

    /** Tickets handed out so far: every commit up to this one has been written. */
    long written() {
        return written.get();
    }

    /** Syncs done so far (for tests and benchmarks). */
    long syncs() {
        return syncs.get();
    }
}
