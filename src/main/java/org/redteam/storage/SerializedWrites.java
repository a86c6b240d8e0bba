package org.redteam.storage;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * SQLite takes one writer at a time, and a transaction that finds the write lock taken waits in
 * SQLite's busy handler, which sleeps 1, 2, 5, 10 … up to 100 ms between tries: under many
 * concurrent requests those sleeps, not the work, made the slowest turns. This handler queues this
 * process's transactions (all of them begin with {@code BEGIN IMMEDIATE}, i.e. as writers) on a
 * fair lock instead, so they run one after another without sleeping. Another process writing
 * the same file (a CLI command while {@code serve} runs) still meets the busy timeout. Nested
 * transactions on a handle already in one do not take the lock again.
 *
 * <p>With a {@link WalGroupSync}, the commit is synced to disk before its handle's close returns
 * (see {@link Database}); the wait happens after the lock is released and the connection is back in
 * the pool, so the next writer commits while this one's sync runs.
 */
final class SerializedWrites implements TransactionHandler {
    private final TransactionHandler delegate;
    private final ReentrantLock lock;
    private final java.util.Optional<WalGroupSync> sync;

    SerializedWrites(TransactionHandler delegate, java.util.Optional<WalGroupSync> sync) {
        this(delegate, new ReentrantLock(true), sync);
    }

    private SerializedWrites(TransactionHandler delegate, ReentrantLock lock, java.util.Optional<WalGroupSync> sync) {
        this.delegate = delegate;
        this.lock = lock;
        this.sync = sync;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new SerializedWrites(delegate.specialize(handle), lock, sync);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return serialized(handle, () -> delegate.inTransaction(handle, callback));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                     HandleCallback<R, X> callback) throws X {
        return serialized(handle, () -> delegate.inTransaction(handle, level, callback));
    }

    private interface Transaction<R, X extends Exception> {
        R run() throws X;
    }

    /** Runs an outermost transaction under the lock and notes its commit for the group sync; a nested one as is. */
    private <R, X extends Exception> R serialized(Handle handle, Transaction<R, X> transaction) throws X {
        if (delegate.isInTransaction(handle)) {
            return transaction.run();
        }
        R result;
        lock.lock();
        try {
            result = transaction.run();
        } finally {
            lock.unlock();
        }
        sync.ifPresent(WalGroupSync::committedLater);
        return result;
    }

    @Override
    public void begin(Handle handle) {
        delegate.begin(handle);
    }

    @Override
    public void commit(Handle handle) {
        delegate.commit(handle);
    }

    @Override
    public void rollback(Handle handle) {
        delegate.rollback(handle);
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return delegate.isInTransaction(handle);
    }

    @Override
    public void savepoint(Handle handle, String name) {
        delegate.savepoint(handle, name);
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        delegate.rollbackToSavepoint(handle, name);
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        delegate.releaseSavepoint(handle, name);
    }
}
