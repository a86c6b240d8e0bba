package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException.Failure;
import org.redteam.testing.FakeHttpServer.Reply;

/**
 * {@link HttpBackendContract} for clients whose protocol streams server-sent events: text is passed on as
 * it comes; a fault before the first event is retried, one after it is final; the watchdog ends a stream
 * that stalls past the timeout.
 */
public abstract class StreamingHttpBackendContract extends HttpBackendContract {

    protected StreamingHttpBackendContract(Subject subject) {
        super(subject);
    }

    /** A client that asks for a stream (n = 1) and passes the text on to {@code listener}. */
    protected abstract Client streamingClient(RetryPolicy retry, Duration timeout, Transport transport, TextStream listener);

    /** Answers every request with the API's stream of its success, events {@code gapMillis} apart. */
    protected abstract void replyStreamed(long gapMillis);

    /** One event of the API's stream carrying {@code text} for the first completion. */
    protected abstract String chunk(String text);

    private Client streaming(StringBuilder seen) {
        return streamingClient(TWO_RETRIES, TIMEOUT, transport(), (i, text) -> seen.append(text));
    }

    @Test
    void streamsTheTextAsItComes() {
        replyStreamed(0);
        StringBuilder seen = new StringBuilder();

        assertThat(streaming(seen).call()).isNotNull();

        assertThat(seen).isNotEmpty();
        assertThat(server().requests()).hasSize(1);
    }

    @Test
    void retriesAStreamThatFailsBeforeItsFirstEvent() {
        replyStreamed(0);
        StringBuilder seen = new StringBuilder();

        server().replyFirst(new Reply(503, "{}", 0), Reply.ok("")); // a status, then a stream without any data
        assertThat(streaming(seen).call()).isNotNull();
        server().replyFirst(Reply.events(List.of("{not json"), 0), Reply.resetConnection());
        assertThat(streaming(seen).call()).isNotNull();

        assertThat(server().requests()).hasSize(6);
    }

    @Test
    void doesNotRetryAStreamThatBreaksAfterText() {
        server().replyFirst(Reply.events(List.of(chunk("Sure, "), "{not json"), 0));
        StringBuilder seen = new StringBuilder();

        RuntimeException e = failure(streaming(seen));

        assertThat(e).hasMessageContaining("event 1 is not JSON");
        assertThat(seen).hasToString("Sure, ");
        assertThat(server().requests()).hasSize(1);
    }

    @Test
    void endsAStreamThatStallsPastTheTimeout() {
        replyStreamed(400);

        RuntimeException e = failure(streamingClient(TWO_RETRIES, Duration.ofMillis(600), transport(), (i, text) -> { }));

        assertThat(e).hasMessageContaining("the streamed answer did not finish within 600 ms (timeout_ms)");
        assertFailure(e, Failure.TIMEOUT);
        assertThat(server().requests()).hasSize(1);
    }
}
