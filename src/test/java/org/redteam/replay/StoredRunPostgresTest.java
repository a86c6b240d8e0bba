package org.redteam.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redteam.Platform;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.Eventually;
import org.redteam.testing.Postgres;
import org.redteam.worker.Worker;

/** The replay run suite on PostgreSQL, and two servers on one database working the same run. */
class StoredRunPostgresTest extends StoredRunTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }

    @Test
    void twoServersOnOneDatabaseReplayEveryItemExactlyOnce() {
        StoredRunFixtures.CountingBackend backend = new StoredRunFixtures.CountingBackend(Duration.ofMillis(20));
        StoredRunFixtures.FixedSelection attacks = new StoredRunFixtures.FixedSelection(StoredRunFixtures.many(30));
        StoreLocation store = store();
        try (Platform first = StoredRunFixtures.platform(store, backend, attacks).start(StoredRunFixtures.CONFIG);
             Platform second = StoredRunFixtures.platform(store, backend, attacks).start(StoredRunFixtures.CONFIG)) {
            Worker ada = admin(first);
            StoredRun run = first.replays().start(ada, StoredRunFixtures.request(List.of("one", "two")));
            Eventually.within(Duration.ofSeconds(60), "the run is done", () -> second.replays().run(ada, run.id()).done());

            assertThat(first.replays().progress(ada, run)).isEqualTo(new StoredRun.Progress(60, 60, 0, 0));
            assertThat(backend.calls).hasSize(60);
            assertThat(backend.calls.values()).extracting(AtomicInteger::get).containsOnly(1);
            List<String> servers = first.store().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT claimed_by FROM replay_item WHERE run_id = :run").bind("run", run.id())
                    .mapTo(String.class).list());
            assertThat(servers).as("both servers replayed items").hasSize(2);
            List<String> lines = new java.util.ArrayList<>();
            second.replays().results(ada, run, lines::add);
            assertThat(lines).hasSize(60);
        }
    }
}
