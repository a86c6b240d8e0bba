package org.redteam.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalGroupSyncTest {

    /** What a sync covered: the tickets handed out when it began, and whether it has finished. */
    record Round(long covers, AtomicBoolean finished) {
    }

    @Test
    void everyWriterWaitsForASyncThatBeganAfterItsCommitAndSyncsAreShared() throws Exception {
        List<Round> rounds = new CopyOnWriteArrayList<>();
        AtomicReference<WalGroupSync> self = new AtomicReference<>();
        WalGroupSync sync = new WalGroupSync(() -> {
            Round round = new Round(self.get().written(), new AtomicBoolean());
            rounds.add(round);
            sleep(15); // a slow disk
            round.finished().set(true);
        });
        self.set(sync);
        int writers = 24;
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int k = 0; k < 5; k++) {
                        long ticket = sync.committed();
                        sync.awaitDurable(ticket);
                        boolean covered = rounds.stream().anyMatch(r -> r.finished().get() && r.covers() >= ticket);
                        if (!covered) {
                            throw new AssertionError("ticket " + ticket + " returned before a sync covering it finished");
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(sync.written()).isEqualTo(writers * 5L);
        assertThat(sync.syncs()).isEqualTo(rounds.size()).isLessThan(writers * 5L / 2);
    }

    @Test
    void aFailedSyncIsReportedAndTheNextWriterTriesAgain() {
        AtomicBoolean fail = new AtomicBoolean(true);
        WalGroupSync sync = new WalGroupSync(() -> {
            if (fail.getAndSet(false)) {
                throw new IOException("disk full");
            }
        });
        long first = sync.committed();
        assertThatThrownBy(() -> sync.awaitDurable(first)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not be synced").hasMessageContaining("disk full");
        sync.commitAndAwait();
        assertThat(sync.syncs()).isEqualTo(1);
    }

    @Test
    void aSqliteStoreSyncsItsLogForTransactionsAndForSingleWrites(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(StoreLocation.directory(dir))) {
            WalGroupSync sync = db.walSync().orElseThrow();
            int synchronous = db.jdbi().withHandle(h -> h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
            assertThat(synchronous).isEqualTo(1);
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE t (n INTEGER)"));
            long afterCreate = sync.syncs();
            assertThat(afterCreate).isPositive();
            db.jdbi().useHandle(h -> h.execute("INSERT INTO t VALUES (1)"));
            assertThat(sync.syncs()).isGreaterThan(afterCreate);
            long beforeTransaction = sync.syncs();
            db.jdbi().useTransaction(h -> h.execute("INSERT INTO t VALUES (0)"));
            assertThat(sync.syncs()).as("synced before the transaction's caller goes on").isGreaterThan(beforeTransaction);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM t WHERE n = 0"));
            long beforeReads = sync.syncs();
            db.jdbi().useHandle(h -> h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
            assertThat(sync.syncs()).isEqualTo(beforeReads);

            int threads = 12;
            int each = 20;
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int k = 0; k < each; k++) {
                            db.jdbi().useTransaction(h -> {
                                int n = h.createQuery("SELECT MAX(n) FROM t").mapTo(Integer.class).one();
                                h.execute("INSERT INTO t VALUES (?)", n + 1);
                            });
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
            assertThat(failures).isEmpty();
            // serialized transactions: no two read the same MAX, so the numbers run 1 … N without a gap
            int distinct = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT n) FROM t").mapTo(Integer.class).one());
            assertThat(distinct).isEqualTo(1 + threads * each);
            assertThat(sync.written()).isGreaterThanOrEqualTo(2L + threads * each);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
