package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.MutableClock;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** Guessing invite secrets is slowed to 10 attempts per minute per client address. */
class SignInRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void theEleventhSignInAttemptInAMinuteIsAnswered429WithRetryAfterAndSignsNobodyIn() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
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
    void theBucketRefillsAtTenPerMinuteAndKeepsClientsApart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RateLimiter limiter = RateLimiter.signIn(clock);
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

    private static HttpResponse<String> post(HttpClient http, TestPlatform platform, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("external_id=")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
