package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.redteam.backend.Reply.Answered;
import org.redteam.backend.Reply.NoAnswer;
import org.redteam.backend.Reply.Trouble;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;

/** The words and kinds of a backend's failures: the table "Errors and retries" in docs/targets.md. */
class BackendFailuresTest {
    private static final String WHERE = "target t (openai-chat, model m) at http://h/v1/chat/completions";
    private final BackendFailures failures = new BackendFailures(WHERE, "the OpenAI API", Duration.ofMillis(5_000));

    private static BackendUnavailableException failure(Outcome<?, BackendUnavailableException> outcome) {
        return outcome instanceof Outcome.Transient<?, BackendUnavailableException> t ? t.failure()
                : ((Outcome.Permanent<?, BackendUnavailableException>) outcome).failure();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            429 | OVERLOADED  | true  | : rate limited (HTTP 429): {"error": "x"}
            503 | OVERLOADED  | true  | : overloaded (HTTP 503): {"error": "x"}
            529 | OVERLOADED  | true  | : overloaded (HTTP 529): {"error": "x"}
            504 | TIMEOUT     | true  | ' answered HTTP 504 (gateway timeout): {"error": "x"}'
            500 | BAD_GATEWAY | true  | ' answered HTTP 500: {"error": "x"}'
            502 | BAD_GATEWAY | true  | ' answered HTTP 502: {"error": "x"}'
            408 | BAD_GATEWAY | true  | ' answered HTTP 408: {"error": "x"}'
            400 | BAD_GATEWAY | false | ' answered HTTP 400: {"error": "x"}'
            401 | BAD_GATEWAY | false | ' answered HTTP 401: {"error": "x"}'
            """)
    void wordsAStatusWithTheStartOfTheBody(int status, Failure kind, boolean retried, String message) {
        Outcome<Object, BackendUnavailableException> outcome = failures.status(new Answered(status, "{\"error\":\n \"x\"}",
                Optional.of(Duration.ofSeconds(3))));

        assertThat(outcome).isInstanceOf(retried ? Outcome.Transient.class : Outcome.Permanent.class);
        assertThat(failure(outcome).getMessage()).isEqualTo(WHERE + message);
        assertThat(failure(outcome).failure()).isEqualTo(kind);
        if (retried) {
            assertThat(((Outcome.Transient<?, ?>) outcome).retryAfter()).contains(Duration.ofSeconds(3));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CONNECT_TIMEOUT | TIMEOUT     | false | : no connection within 5000 ms (timeout_ms)
            TIMEOUT         | TIMEOUT     | false | : no answer within 5000 ms (timeout_ms)
            REFUSED         | BAD_GATEWAY | true  | ': cannot connect (is the server running?): java.net.ConnectException: x'
            BROKEN          | BAD_GATEWAY | true  | ': the connection failed: java.net.ConnectException: x'
            UNREADABLE      | BAD_GATEWAY | true  | ': reading the answer failed: java.net.ConnectException: x'
            OTHER           | BAD_GATEWAY | false | ': request failed: java.net.ConnectException: x'
            """)
    void wordsNoAnswer(Trouble trouble, Failure kind, boolean retried, String message) {
        Outcome<Object, BackendUnavailableException> outcome = failures.noAnswer(new NoAnswer(trouble, new ConnectException("x")));

        assertThat(outcome).isInstanceOf(retried ? Outcome.Transient.class : Outcome.Permanent.class);
        assertThat(failure(outcome).getMessage()).isEqualTo(WHERE + message);
        assertThat(failure(outcome).failure()).isEqualTo(kind);
    }

    @Test
    void wordsAnAnswerOutsideTheApi() {
        assertThat(failures.broken("expected a \"choices\" array", "{}").getMessage())
                .isEqualTo(WHERE + " answered HTTP 200 outside the OpenAI API: expected a \"choices\" array; body: {}");
    }

    @Test
    void saysWhyThereWasNoFurtherTryAndKeepsTheKind() {
        BackendUnavailableException busy = new BackendUnavailableException(Failure.OVERLOADED, WHERE + ": overloaded");

        assertThat(failures.giveUp(busy, 3, Optional.empty()))
                .hasMessage(WHERE + ": overloaded (gave up after 3 tries)")
                .satisfies(e -> assertThat(e.failure()).isEqualTo(Failure.OVERLOADED));
        assertThat(failures.giveUp(busy, 1, Optional.empty())).hasMessage(WHERE + ": overloaded");
        assertThat(failures.giveUp(busy, 1, Optional.of(Duration.ofSeconds(120)))).hasMessage(WHERE
                + ": overloaded (the server asks to retry after 120 s, longer than timeout_ms; not retried)");
    }
}
