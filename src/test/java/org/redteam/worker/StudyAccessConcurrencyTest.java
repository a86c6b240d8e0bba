package org.redteam.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
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

/**
 * First visits of the study link with the same worker id at the same moment (two tabs, a double click, two
 * serve processes) on one PostgreSQL: one worker, every visit signed in as them.
 */
class StudyAccessConcurrencyTest {
    static final CampaignConfig CONFIG = new CampaignConfigLoader().parse("study-race.yaml", """
            name: study race
            crowd: {open_study_link: true}
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
            """);

    @Test
    void concurrentFirstVisitsWithOneIdCreateOneWorker() throws Exception {
        StoreLocation store = Postgres.freshDatabase();
        try (Platform first = App.at(store).clock(Clock.systemUTC())
                .preferenceModel(FakePreferenceModel.minusLength()).start(CONFIG);
             Platform second = App.at(store).clock(Clock.systemUTC())
                     .preferenceModel(FakePreferenceModel.minusLength()).start(CONFIG)) {
            assertThat(first.study().secret()).isEqualTo(second.study().secret()).isPresent();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> visits = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Platform app = i % 2 == 0 ? first : second;
                visits.add(pool.submit(() -> {
                    go.await();
                    return app.study().signIn("PID-RACE-1", Optional.empty()).worker().id();
                }));
            }
            go.countDown();
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : visits) {
                ids.add(f.get());
            }
            pool.shutdown();
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(first.store().workers().listPlatformWorkers()).hasSize(1);
        }
    }
}
