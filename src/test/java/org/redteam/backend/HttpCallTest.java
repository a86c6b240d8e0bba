package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redteam.backend.Reply.Answered;
import org.redteam.backend.Reply.NoAnswer;
import org.redteam.backend.Reply.Trouble;

/** Status classification, Retry-After read against a fixed clock, and the quoted start of a body. */
class HttpCallTest {
    private static final Clock TEN_O_CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private static Optional<Duration> retryAfter(String value) {
        return HttpCall.retryAfter(HttpHeaders.of(Map.of("Retry-After", List.of(value)), (name, v) -> true), TEN_O_CLOCK);
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(retryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(retryAfter(" 120 ")).contains(Duration.ofSeconds(120));
        assertThat(retryAfter("-5")).contains(Duration.ZERO);
    }

    @Test
    void readsRetryAfterAsAnHttpDateAgainstTheClock() {
        assertThat(retryAfter("Mon, 2 Mar 2026 10:00:03 GMT")).contains(Duration.ofSeconds(3));
        assertThat(retryAfter("Mon, 2 Mar 2026 09:59:00 GMT")).contains(Duration.ZERO); // already past
    }

    @Test
    void ignoresAMissingOrUnreadableRetryAfter() {
        assertThat(retryAfter("soon")).isEmpty();
        assertThat(HttpCall.retryAfter(HttpHeaders.of(Map.of(), (name, v) -> true), TEN_O_CLOCK)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 529})
    void retriesTimeoutsRateLimitsAndServerErrors(int status) {
        assertThat(new Answered(status, "", Optional.empty()).worthRetrying()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 401, 403, 404, 422})
    void doesNotRetryOtherStatuses(int status) {
        assertThat(new Answered(status, "", Optional.empty()).worthRetrying()).isFalse();
    }

    @Test
    void retriesRefusedAndBrokenConnectionsButNotTimeouts() {
        assertThat(List.of(Trouble.values())).filteredOn(t -> new NoAnswer(t, new Exception()).worthRetrying())
                .containsExactly(Trouble.REFUSED, Trouble.BROKEN, Trouble.UNREADABLE);
    }

    @Test
    void quotesTheStartOfABodyOnOneLine() {
        assertThat(HttpCall.quote("{\"error\":\n  \"busy\"}")).isEqualTo("{\"error\": \"busy\"}");
        assertThat(HttpCall.quote(" \n ")).isEqualTo("(empty body)");
        assertThat(HttpCall.quote("x".repeat(500))).isEqualTo("x".repeat(HttpCall.BODY_QUOTE) + "…");
    }
}
