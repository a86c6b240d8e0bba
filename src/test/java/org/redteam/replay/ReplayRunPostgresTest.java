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
class ReplayRunPostgresTest extends ReplayRunTest {
    private final Postgres.PerTest database = new Postgres.PerTest();

    @Override
    StoreLocation store() {
        return database.get();
    }

    @Test
    void twoServersOnOneDatabaseReplayEveryItemExactlyOnce() {
        ReplayFixtures.CountingBackend backend = new ReplayFixtures.CountingBackend(Duration.ofMillis(20));
        ReplayFixtures.FixedSelection attacks = new ReplayFixtures.FixedSelection(ReplayFixtures.many(30));
        StoreLocation store = store();
        try (Platform first = ReplayFixtures.platform(store, backend, attacks).start(ReplayFixtures.CONFIG);
             Platform second = ReplayFixtures.platform(store, backend, attacks).start(ReplayFixtures.CONFIG)) {
            Worker ada = admin(first);
            ReplayRun run = first.replays().start(ada, ReplayFixtures.request(List.of("one", "two")));
            Eventually.within(Duration.ofSeconds(60), "the run is done", () -> second.replays().run(ada, run.id()).done());

            assertThat(first.replays().progress(ada, run)).isEqualTo(new ReplayRun.Progress(60, 60, 0, 0));
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
