package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;

/** Server-sent events as the OpenAI API sends them, and the ways a stream ends. */
class SseReaderTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final BackendFailures failures = new BackendFailures("target t (x) at http://h/p", "the API", Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    /** Collects each event's JSON; an event with "error" is one the API does not send. */
    private final class Events implements JsonPost.StreamReader<List<String>> {
        private final List<String> seen = new ArrayList<>();

        @Override
        public void event(JsonNode data) {
            if (data.has("error")) {
                throw failures.broken("the stream carried an error", data.toString());
            }
            seen.add(data.toString());
        }

        @Override
        public List<String> finish(long latencyMillis) {
            return seen;
        }
    }

    private Outcome<List<String>, BackendUnavailableException> read(InputStream in, Duration timeout) {
        return new SseReader(failures, timeout, timers).read(in, new Events(), System.nanoTime());
    }

    private Outcome<List<String>, BackendUnavailableException> read(String body) {
        return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5));
    }

    private static String message(Outcome<?, BackendUnavailableException> outcome, Class<?> kind) {
        assertThat(outcome).isInstanceOf(kind);
        return outcome instanceof Outcome.Transient<?, BackendUnavailableException> t ? t.failure().getMessage()
                : ((Outcome.Permanent<?, BackendUnavailableException>) outcome).failure().getMessage();
    }

    @Test
    void passesOnEachDataEventUntilDone() {
        Outcome<List<String>, BackendUnavailableException> outcome = read(
                "data: {\"a\":1}\n\n: a comment\nevent: chunk\nid: 2\ndata:{\"b\":2}\n\ndata: [DONE]\n\ndata: {\"c\":3}\n\n");

        assertThat(outcome).isEqualTo(new Outcome.Ok<>(List.of("{\"a\":1}", "{\"b\":2}")));
    }

    @Test
    void joinsTheLinesOfOneEventAndReadsAnEventWithoutItsBlankLine() {
        assertThat(read("data: {\"a\":\ndata: 1}\n\ndata: {\"b\":2}")).isEqualTo(new Outcome.Ok<>(List.of("{\"a\":1}", "{\"b\":2}")));
    }

    @Test
    void aStreamWithoutAnyDataMayBeTriedAgain() {
        assertThat(message(read(": only a comment\n\n"), Outcome.Transient.class))
                .contains("the event stream ended without any data");
    }

    @Test
    void aBadFirstEventMayBeTriedAgainButALaterOneIsFinal() {
        assertThat(message(read("data: {nope\n\n"), Outcome.Transient.class)).contains("event 0 is not JSON");
        assertThat(message(read("data: {\"a\":1}\n\ndata: [1]\n\n"), Outcome.Permanent.class))
                .contains("event 1 is not a JSON object").endsWith("body: [1]");
        assertThat(message(read("data: {\"error\":\"x\"}\n\n"), Outcome.Transient.class)).contains("the stream carried an error");
        assertThat(message(read("data: {\"a\":1}\n\ndata: {\"error\":\"x\"}\n\n"), Outcome.Permanent.class))
                .contains("the stream carried an error");
    }

    @Test
    void aConnectionThatBreaksBeforeTheFirstEventMayBeTriedAgainButNotAfter() {
        assertThat(message(read(breaking(""), Duration.ofSeconds(5)), Outcome.Transient.class))
                .contains("the event stream broke after 0 events");
        assertThat(message(read(breaking("data: {\"a\":1}\n\n"), Duration.ofSeconds(5)), Outcome.Permanent.class))
                .contains("the event stream broke after 1 events");
    }

    @Test
    void theWatchdogEndsAStalledStreamAtTheTimeout() {
        Outcome<List<String>, BackendUnavailableException> outcome = read(stalled(), Duration.ofMillis(100));

        assertThat(message(outcome, Outcome.Permanent.class))
                .isEqualTo("target t (x) at http://h/p: the streamed answer did not finish within 100 ms (timeout_ms)");
        assertThat(((Outcome.Permanent<?, BackendUnavailableException>) outcome).failure().failure()).isEqualTo(Failure.TIMEOUT);
    }

    /** {@code before}, then a connection reset. */
    private static InputStream breaking(String before) {
        return new SequenceInputStream(new ByteArrayInputStream(before.getBytes(StandardCharsets.UTF_8)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        });
    }

    /** A body that sends nothing until it is closed, as a stalled server's. */
    private static InputStream stalled() {
        CountDownLatch closed = new CountDownLatch(1);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
    }
}
