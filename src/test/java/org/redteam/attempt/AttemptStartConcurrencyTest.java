package org.redteam.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.Postgres;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Red teamers starting attempts at the same moment through two apps (two serve processes) on one PostgreSQL:
 * every start succeeds with its own assignment number. The load bench found 500s here (a duplicate
 * assignment_seq) before the campaign row was locked for the assignment.
 */
class AttemptStartConcurrencyTest {
    static final CampaignConfig CONFIG = new CampaignConfigLoader().parse("race.yaml", """
            name: start race
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
              - {id: two, model_type: plain lm, size: 1B, backend: {kind: demo}}
            """);

    @Test
    void concurrentStartsOnTwoServersAllSucceedWithDistinctAssignmentNumbers() throws Exception {
        StoreLocation store = Postgres.freshDatabase();
        try (Platform first = App.at(store).clock(Clock.systemUTC())
                .preferenceModel(FakePreferenceModel.minusLength()).start(CONFIG);
             Platform second = App.at(store).clock(Clock.systemUTC())
                     .preferenceModel(FakePreferenceModel.minusLength()).start(CONFIG)) {
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Worker w = first.store().workers().add("red-" + i, EnumSet.of(Role.RED_TEAMER), Optional.empty()).worker();
                first.campaigns().consent(w, CONFIG.riskTopics());
                workers.add(w);
            }
            ExecutorService pool = Executors.newFixedThreadPool(24);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Attempt>> starts = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                Platform app = i % 2 == 0 ? first : second;
                Worker w = workers.get(i);
                starts.add(pool.submit(() -> {
                    go.await();
                    return app.attempts().start(w, "plan");
                }));
            }
            go.countDown();
            for (Future<Attempt> f : starts) {
                assertThat(f.get().id()).isPositive();
            }
            pool.shutdown();
            List<Long> seqs = first.store().database().jdbi().withHandle(h ->
                    h.createQuery("SELECT assignment_seq FROM attempt ORDER BY assignment_seq").mapTo(Long.class).list());
            assertThat(seqs).hasSize(24).doesNotHaveDuplicates();
            // Balanced on true counts: 12 attempts per target.
            List<Integer> perTarget = first.store().database().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM attempt GROUP BY target_id").mapTo(Integer.class).list());
            assertThat(perTarget).containsExactly(12, 12);
        }
    }
}
