package org.redteam.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;

/**
 * Reads one server-sent-event stream: the JSON of each {@code data:} event, in order, to a
 * {@link JsonPost.StreamReader}, until {@code [DONE]} or the end of the body. A watchdog closes the stream
 * when the request's timeout (counted from the first try) runs out, which ends a stalled read. A fault
 * before the first event is passed on may be tried again; after it, the red teamer has seen text, so it
 * is final. Blocks the calling thread; thread-safe.
 */
final class SseReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendFailures failures;
    private final Duration timeout;
    private final ScheduledExecutorService timers;

    SseReader(BackendFailures failures, Duration timeout, ScheduledExecutorService timers) {
        this.failures = failures;
        this.timeout = timeout;
        this.timers = timers;
    }

    /** @param startNanos when the call (not this try) began, for the watchdog and the latency */
    <T> Outcome<T, BackendUnavailableException> read(InputStream in, JsonPost.StreamReader<T> reader, long startNanos) {
        AtomicBoolean timedOut = new AtomicBoolean();
        long left = Math.max(1, timeout.toMillis() - JsonPost.millisSince(startNanos));
        ScheduledFuture<?> watchdog = timers.schedule(() -> {
            timedOut.set(true);
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is how a stalled read is stopped; nothing more to do
            }
        }, left, TimeUnit.MILLISECONDS);
        int events = 0;
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() && data.length() > 0) {
                    Optional<Outcome<T, BackendUnavailableException>> end = dispatch(data.toString(), reader, events++, startNanos);
                    if (end.isPresent()) {
                        return end.get();
                    }
                    data.setLength(0);
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    data.append(data.length() > 0 ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
                }
                // comments (":…") and the event:, id: and retry: fields carry nothing for us
            }
            if (data.length() > 0) {
                Optional<Outcome<T, BackendUnavailableException>> end = dispatch(data.toString(), reader, events++, startNanos);
                if (end.isPresent()) {
                    return end.get();
                }
            }
            if (events == 0) {
                return new Outcome.Transient<>(failures.broken("the event stream ended without any data", ""));
            }
            return finish(reader, startNanos); // some servers end the body without [DONE]
        } catch (IOException e) {
            if (timedOut.get()) {
                return new Outcome.Permanent<>(new BackendUnavailableException(Failure.TIMEOUT, failures.where()
                        + ": the streamed answer did not finish within " + timeout.toMillis() + " ms (timeout_ms)", e));
            }
            return early(events, new BackendUnavailableException(failures.where() + ": the event stream broke after "
                    + events + " events: " + e, e));
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Passes one event's data on: empty to read on, or how the stream ended ({@code [DONE]} or a bad event). */
    private <T> Optional<Outcome<T, BackendUnavailableException>> dispatch(String data, JsonPost.StreamReader<T> reader,
                                                                         int index, long startNanos) {
        if ("[DONE]".equals(data.strip())) {
            return Optional.of(finish(reader, startNanos));
        }
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return Optional.of(early(index, failures.broken("event " + index + " is not JSON (" + e.getOriginalMessage() + ")", data)));
        }
        if (node == null || !node.isObject()) {
            return Optional.of(early(index, failures.broken("event " + index + " is not a JSON object", data)));
        }
        try {
            reader.event(node);
            return Optional.empty();
        } catch (BackendUnavailableException e) { // the reader's word for an event the API does not send
            return Optional.of(early(index, e));
        }
    }

    private static <T> Outcome<T, BackendUnavailableException> finish(JsonPost.StreamReader<T> reader, long startNanos) {
        try {
            return new Outcome.Ok<>(reader.finish(JsonPost.millisSince(startNanos)));
        } catch (BackendUnavailableException e) {
            return new Outcome.Permanent<>(e);
        }
    }

    /** Only a fault in or before the first event may be tried again: nothing has been passed on yet. */
    private static <T> Outcome<T, BackendUnavailableException> early(int index, BackendUnavailableException e) {
        return index == 0 ? new Outcome.Transient<>(e) : new Outcome.Permanent<>(e);
    }
}
