package org.redteam.web;

import org.redteam.storage.TokenBuckets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.storage.Database;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.MutableClock;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/**
 * Guessing invite secrets is slowed to 10 attempts per minute per client address, counted in the store so
 * that every server on one database shares the count.
 */
class SignInRateLimitTest {
    @TempDir
    Path dir;

    /** Where the test keeps its data: SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    @Test
    void theEleventhSignInAttemptInAMinuteIsAnswered429WithRetryAfterAndSignsNobodyIn() throws Exception {
        try (TestPlatform platform = TestPlatform.start(store())) {
            HttpClient http = HttpClient.newHttpClient();
            String valid = platform.addWorker("alice", Role.RED_TEAMER).inviteSecret();
            for (int i = 0; i < 10; i++) {
                assertThat(post(http, platform, "/invite/guess" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = post(http, platform, "/invite/" + valid);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
            assertThat(refused.body()).contains("too many sign-in attempts").doesNotContain("at org.");
            assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/invite/" + valid))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(429);
            // Other pages are not limited.
            assertThat(http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void twoServersOnOneStoreShareTheLimit() throws Exception {
        StoreLocation store = store();
        try (TestPlatform first = TestPlatform.start(store); TestPlatform second = TestPlatform.start(store)) {
            HttpClient http = HttpClient.newHttpClient();
            String valid = first.addWorker("alice", Role.RED_TEAMER).inviteSecret();
            for (int i = 0; i < 10; i++) {
                TestPlatform server = i % 2 == 0 ? first : second;
                assertThat(post(http, server, "/invite/guess" + i).statusCode()).isEqualTo(401);
            }
            // 5 attempts on each server; a limit per server would let 5 more through on either.
            for (TestPlatform server : List.of(first, second)) {
                HttpResponse<String> refused = post(http, server, "/invite/" + valid);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 60L);
            }
        }
    }

    @Test
    void theBucketRefillsAtTenPerMinuteAndKeepsClientsApart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Database db = Database.open(store())) {
            RateLimiter limiter = new RateLimiter(TokenBuckets.signIn(db.jdbi(), clock));
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.take("10.0.0.1")).isZero();
            }
            // Empty: one token takes 60 s / 10 = 6 s.
            assertThat(limiter.take("10.0.0.1")).isEqualTo(6);
            assertThat(limiter.take("10.0.0.2")).isZero();
            clock.advance(Duration.ofSeconds(6));
            assertThat(limiter.take("10.0.0.1")).isZero();
            assertThat(limiter.take("10.0.0.1")).isEqualTo(6);
            clock.advance(Duration.ofMinutes(5));
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.take("10.0.0.1")).isZero();
            }
            assertThat(limiter.take("10.0.0.1")).isPositive();
        }
    }

    @Test
    void aBucketFullAgainIsDeletedAtTheNextPruneAMinuteLater() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Database db = Database.open(store())) {
            RateLimiter limiter = new RateLimiter(TokenBuckets.signIn(db.jdbi(), clock));
            limiter.take("10.0.0.1");
            clock.advance(Duration.ofSeconds(30));
            limiter.take("10.0.0.2");
            assertThat(buckets(db)).containsExactly("sign-in:10.0.0.1", "sign-in:10.0.0.2");
            // 10.0.0.1 untouched for 61 s, so full again; 10.0.0.2 for 31 s, not yet.
            clock.advance(Duration.ofSeconds(31));
            limiter.take("10.0.0.3");
            assertThat(buckets(db)).containsExactly("sign-in:10.0.0.2", "sign-in:10.0.0.3");
            // A pruned client starts again with a full bucket: 10 takes.
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.take("10.0.0.1")).isZero();
            }
            assertThat(limiter.take("10.0.0.1")).isEqualTo(6);
        }
    }

    @Test
    void concurrentTakesThroughTwoLimitersOnOneStoreGrantExactlyTheCapacity() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        StoreLocation store = store();
        try (Database one = Database.open(store); Database two = Database.open(store)) {
            List<RateLimiter> limiters = List.of(new RateLimiter(TokenBuckets.signIn(one.jdbi(), clock)), new RateLimiter(TokenBuckets.signIn(two.jdbi(), clock)));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> takes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                RateLimiter limiter = limiters.get(i % 2);
                takes.add(pool.submit(() -> {
                    go.await();
                    return limiter.take("10.0.0.9");
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Long> f : takes) {
                if (f.get() == 0) {
                    granted++;
                }
            }
            pool.shutdown();
            assertThat(granted).isEqualTo(10);
        }
    }

    private static List<String> buckets(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT bucket FROM rate_limit ORDER BY bucket").mapTo(String.class).list());
    }

    private static HttpResponse<String> post(HttpClient http, TestPlatform platform, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("external_id=")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
