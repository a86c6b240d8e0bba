package org.redteam.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.Postgres;
import org.redteam.testing.ReviewFixtures;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Claims racing on PostgreSQL, as from several {@code serve} processes on one database: two apps (two pools)
 * on one store, every reviewer asking twice at once, each from a different app.
 */
class ReviewClaimConcurrencyTest {
    static final int ATTEMPTS = 3;
    static final int PER_ATTEMPT = 2;
    static final int REVIEWERS = 12;

    @Test
    void concurrentClaimsNeverExceedPerAttemptAndGiveEachReviewerOneTask() throws Exception {
        var store = Postgres.freshDatabase();
        var config = ReviewFixtures.campaign("race", PER_ATTEMPT);
        try (Platform first = App.at(store).clock(Clock.systemUTC())
                .preferenceModel(FakePreferenceModel.minusLength()).start(config);
             Platform second = App.at(store).clock(Clock.systemUTC())
                .preferenceModel(FakePreferenceModel.minusLength()).start(config)) {
            Worker admin = ReviewFixtures.worker(first, "admin", Role.ADMIN);
            Worker alice = ReviewFixtures.redTeamer(first, "alice");
            for (int i = 0; i < ATTEMPTS; i++) {
                ReviewFixtures.submit(first, alice, "task " + i, 2);
            }
            assertThat(first.reviews().enqueueAll(admin)).isEqualTo(ATTEMPTS);
            List<Worker> reviewers = new ArrayList<>();
            for (int i = 0; i < REVIEWERS; i++) {
                reviewers.add(ReviewFixtures.worker(first, "reviewer" + i, Role.REVIEWER));
            }

            ExecutorService pool = Executors.newFixedThreadPool(2 * REVIEWERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<Long>>> results = new ArrayList<>();
            try {
                for (Worker reviewer : reviewers) {
                    for (Platform app : List.of(first, second)) {
                        Callable<Optional<Long>> claim = () -> {
                            go.await();
                            ReviewService.Next next = app.reviews().next(reviewer);
                            return next instanceof ReviewService.Next.Task t ? Optional.of(t.view().task().id()) : Optional.empty();
                        };
                        results.add(pool.submit(claim));
                    }
                }
                go.countDown();
                for (int i = 0; i < REVIEWERS; i++) {
                    Optional<Long> a = results.get(2 * i).get(60, TimeUnit.SECONDS);
                    Optional<Long> b = results.get(2 * i + 1).get(60, TimeUnit.SECONDS);
                    assertThat(a).as("both requests of reviewer %d see the same task", i).isEqualTo(b);
                }
            } finally {
                pool.shutdownNow();
            }

            List<long[]> claims = first.store().database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT attempt_id, reviewer_id FROM review_task WHERE status = 'claimed'")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list());
            Map<Long, Long> perAttempt = claims.stream().collect(Collectors.groupingBy(c -> c[0], Collectors.counting()));
            Map<Long, Long> perReviewer = claims.stream().collect(Collectors.groupingBy(c -> c[1], Collectors.counting()));
            assertThat(perAttempt.values()).allMatch(n -> n <= PER_ATTEMPT);
            assertThat(perReviewer.values()).allMatch(n -> n == 1);
            // Nobody was turned away while a place was free: every place of every attempt is taken.
            assertThat(claims).hasSize(ATTEMPTS * PER_ATTEMPT);
        }
    }
}
