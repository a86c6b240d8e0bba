package org.redteam.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON POST to a model API, plain or streamed as server-sent events, retried by a {@link RetryPolicy}
 * when the failure is transient (429, 503, 529 and other 5xx, a refused or reset connection, a malformed
 * answer); every final failure is a {@link BackendUnavailableException} that names the target, the URL,
 * the HTTP status and the start of the body. Timeouts are not retried: the red teamer is already waiting.
 * Header values (API keys) are sent and never put in a message or a log line. Shared by the HTTP backends.
 * Thread-safe.
 */
public final class JsonPost {
    /** Longest piece of a response body quoted in an error message. */
    static final int BODY_QUOTE = 200;
    /** Most bytes of an error body read. */
    private static final int ERROR_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JsonPost.class);
    private static final ExecutorService STREAM_READERS = Executors.newCachedThreadPool(daemon("backend-stream"));
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(daemon("backend-stream-timeout"));

    /** A parsed 200 answer and the wall time of its request, retries included. */
    public record Answer(JsonNode body, String text, long latencyMillis) {
    }

    /**
     * Reads one streamed answer: the JSON of each {@code data:} event in order, then the end. A new reader
     * is made for every try. {@link #event} may throw a {@link BackendUnavailableException} (from
     * {@link #broken}) when an event is not what the API sends.
     */
    public interface StreamReader<T> {
        void event(JsonNode data);

        /** The stream ended ({@code [DONE]} or the end of the body); {@code latencyMillis} includes retries. */
        T finish(long latencyMillis);
    }

    private final String where;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final String api;
    private final RetryPolicy retry;
    private final HttpClient http;

    /**
     * @param where   names the target and backend in messages, e.g. "target rlhf-52b (openai-chat, model m)"
     * @param headers extra headers such as the API key; never quoted in messages
     * @param api     what a well-formed answer follows, for messages: "the OpenAI API"
     */
    public JsonPost(String where, URI url, Duration timeout, Map<String, String> headers, String api, RetryPolicy retry) {
        this.url = url;
        this.where = where + " at " + url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.api = api;
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Completes with what {@code read} makes of a 200 answer, or exceptionally with a {@link BackendUnavailableException}. */
    public <T> CompletableFuture<T> post(String json, Function<Answer, T> read) {
        long start = System.nanoTime();
        return withRetries(0, () -> http.sendAsync(request(json, "application/json"),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(unwrap(failure)));
                    }
                    Answer answer = answer(response, millisSince(start));
                    try {
                        return read.apply(answer);
                    } catch (BackendUnavailableException e) {
                        throw new Transient(e, Optional.empty()); // a malformed answer may be a passing fault
                    }
                }));
    }

    /**
     * Posts a request that asks for a stream ({@code "stream": true} is the caller's) and feeds the
     * server-sent events to a reader. A failure before the first event is retried like {@link #post};
     * once text has been passed on, a broken stream fails at once.
     */
    public <T> CompletableFuture<T> stream(String json, Supplier<StreamReader<T>> readers) {
        long start = System.nanoTime();
        return withRetries(0, () -> http.sendAsync(request(json, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(unwrap(failure)));
                    }
                    return response;
                })
                .thenApplyAsync(response -> read(response, readers.get(), start), STREAM_READERS));
    }

    /** A well-formed answer that is not what {@code api} promises; thrown by readers. */
    public BackendUnavailableException broken(String what, String body) {
        return new BackendUnavailableException(where + " answered HTTP 200 outside " + api + ": " + what
                + "; body: " + quote(body));
    }

    private HttpRequest request(String json, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return request.build();
    }

    private <T> CompletableFuture<T> withRetries(int retried, Supplier<CompletableFuture<T>> once) {
        return once.get().handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof Transient t) {
                Optional<Duration> wait = t.retryAfter.isPresent() ? t.retryAfter
                        : Optional.of(retry.delay(retried, ThreadLocalRandom.current().nextDouble()));
                if (retried < retry.maxRetries() && wait.get().compareTo(timeout) <= 0) {
                    LOG.warn("{}; retry {} of {} in {} ms", t.failure.getMessage(), retried + 1, retry.maxRetries(),
                            wait.get().toMillis());
                    return CompletableFuture.runAsync(() -> { },
                                    CompletableFuture.delayedExecutor(wait.get().toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> withRetries(retried + 1, once));
                }
                return CompletableFuture.<T>failedFuture(t.giveUp(retried + 1, wait.filter(w -> w.compareTo(timeout) > 0)));
            }
            if (cause instanceof BackendUnavailableException unavailable) {
                return CompletableFuture.<T>failedFuture(unavailable);
            }
            return CompletableFuture.<T>failedFuture(new BackendUnavailableException(where + ": request failed: " + cause, cause));
        }).thenCompose(Function.identity());
    }

    private Answer answer(HttpResponse<String> response, long latencyMillis) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status != 200) {
            throw statusFailure(status, body, response.headers());
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new Transient(broken("expected a JSON object", body), Optional.empty());
            }
            return new Answer(root, body, latencyMillis);
        } catch (JsonProcessingException e) {
            throw new Transient(broken("the body is not JSON (" + e.getOriginalMessage() + ")", body), Optional.empty());
        }
    }

    private <T> T read(HttpResponse<InputStream> response, StreamReader<T> reader, long start) {
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status != 200) {
                throw statusFailure(status, new String(in.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8),
                        response.headers());
            }
            return events(in, reader, start);
        } catch (IOException e) {
            throw new Transient(new BackendUnavailableException(where + ": reading the answer failed: " + e, e), Optional.empty());
        }
    }

    /** Reads server-sent events until {@code [DONE]} or the end, within what is left of the timeout. */
    private <T> T events(InputStream in, StreamReader<T> reader, long start) {
        AtomicBoolean timedOut = new AtomicBoolean();
        long left = Math.max(1, timeout.toMillis() - millisSince(start));
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
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
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        if (dispatch(data.toString(), reader, events++)) {
                            return reader.finish(millisSince(start));
                        }
                        data.setLength(0);
                    }
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    data.append(data.length() > 0 ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
                }
                // comments (":…") and the event:, id: and retry: fields carry nothing for us
            }
            if (data.length() > 0 && dispatch(data.toString(), reader, events++)) {
                return reader.finish(millisSince(start));
            }
            if (events == 0) {
                throw new Transient(broken("the event stream ended without any data", ""), Optional.empty());
            }
            return reader.finish(millisSince(start)); // some servers end the body without [DONE]
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new BackendUnavailableException(Failure.TIMEOUT, where + ": the streamed answer did not finish within "
                        + timeout.toMillis() + " ms (timeout_ms)", e);
            }
            BackendUnavailableException broke = new BackendUnavailableException(where + ": the event stream broke after "
                    + events + " events: " + e, e);
            throw events == 0 ? new Transient(broke, Optional.empty()) : broke;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Passes one event's data on; true at {@code [DONE]}. Only a fault in the first event may be retried. */
    private boolean dispatch(String data, StreamReader<?> reader, int index) {
        if ("[DONE]".equals(data.strip())) {
            return true;
        }
        try {
            JsonNode node = JSON.readTree(data);
            if (node == null || !node.isObject()) {
                throw broken("event " + index + " is not a JSON object", data);
            }
            reader.event(node);
            return false;
        } catch (JsonProcessingException e) {
            BackendUnavailableException broke = broken("event " + index + " is not JSON (" + e.getOriginalMessage() + ")", data);
            throw index == 0 ? new Transient(broke, Optional.empty()) : broke;
        } catch (BackendUnavailableException e) {
            throw index == 0 ? new Transient(e, Optional.empty()) : e;
        }
    }

    /** A non-200 answer: 429, 503, 529 and 5xx are worth another try; other statuses are not. */
    private RuntimeException statusFailure(int status, String body, HttpHeaders headers) {
        Optional<Duration> retryAfter = retryAfter(headers);
        String quoted = quote(body);
        return switch (status) {
            case 429 -> new Transient(new BackendUnavailableException(Failure.OVERLOADED,
                    where + ": rate limited (HTTP 429): " + quoted), retryAfter);
            case 503, 529 -> new Transient(new BackendUnavailableException(Failure.OVERLOADED,
                    where + ": overloaded (HTTP " + status + "): " + quoted), retryAfter);
            case 504 -> new Transient(new BackendUnavailableException(Failure.TIMEOUT,
                    where + " answered HTTP 504 (gateway timeout): " + quoted), retryAfter);
            default -> {
                BackendUnavailableException e = new BackendUnavailableException(where + " answered HTTP " + status + ": " + quoted);
                yield status >= 500 || status == 408 ? new Transient(e, retryAfter) : e;
            }
        };
    }

    /** Retry-After in seconds or as an HTTP date; absent when missing or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private RuntimeException transportFailure(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new BackendUnavailableException(Failure.TIMEOUT, where + ": no connection within " + timeout.toMillis()
                    + " ms (timeout_ms)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new BackendUnavailableException(Failure.TIMEOUT, where + ": no answer within " + timeout.toMillis()
                    + " ms (timeout_ms)", e);
        }
        if (e instanceof java.net.ConnectException) {
            return new Transient(new BackendUnavailableException(where + ": cannot connect (is the server running?): " + e, e),
                    Optional.empty());
        }
        if (e instanceof IOException) {
            return new Transient(new BackendUnavailableException(where + ": the connection failed: " + e, e), Optional.empty());
        }
        return new BackendUnavailableException(where + ": request failed: " + e, e);
    }

    /** A failure worth another try; what is reported when the tries are used up. */
    private static final class Transient extends RuntimeException {
        final BackendUnavailableException failure;
        final Optional<Duration> retryAfter;

        Transient(BackendUnavailableException failure, Optional<Duration> retryAfter) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
            this.retryAfter = retryAfter;
        }

        BackendUnavailableException giveUp(int tries, Optional<Duration> tooLong) {
            String why = tooLong.map(w -> " (the server asks to retry after " + w.toSeconds()
                    + " s, longer than timeout_ms; not retried)").orElse(tries > 1 ? " (gave up after " + tries + " tries)" : "");
            return new BackendUnavailableException(failure.failure(), failure.getMessage() + why, failure.getCause());
        }
    }

    /**
     * Starts {@code count} calls with at most {@code maxInFlight} running at once and waits for all of
     * them, in order; failures become {@link BackendUnavailableException}s naming {@code name}.
     */
    public static <T> List<T> concurrently(String name, int count, int maxInFlight, IntFunction<CompletableFuture<T>> start) {
        List<CompletableFuture<T>> calls = new ArrayList<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        try {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                calls.add(start.apply(i).whenComplete((c, e) -> inFlight.release()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.forEach(c -> c.cancel(true));
            throw new BackendUnavailableException(name + ": interrupted while waiting for completions", e);
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> c : calls) {
            results.add(await(name, c));
        }
        return results;
    }

    /** The call's result, or its failure as a {@link BackendUnavailableException} naming {@code name}. */
    public static <T> T await(String name, CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new BackendUnavailableException(name + ": interrupted while waiting for completions", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof BackendUnavailableException unavailable) {
                throw unavailable;
            }
            throw new BackendUnavailableException(name + ": request failed: " + cause, cause);
        }
    }

    /** The API key held by the environment variable named in config; {@code where} names the target in errors. */
    public static String apiKey(String where, String variable, UnaryOperator<String> env) {
        String key = env.apply(variable);
        if (key == null || key.isBlank()) {
            throw new BackendUnavailableException(where + ": the environment variable " + variable
                    + " (backend.api_key_env) is not set; it must hold the API key");
        }
        return key.strip();
    }

    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The start of a body, at most {@value #BODY_QUOTE} characters, on one line. */
    public static String quote(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= BODY_QUOTE ? oneLine : oneLine.substring(0, BODY_QUOTE) + "…";
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
