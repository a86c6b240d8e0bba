package org.redteam.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.redteam.backend.Reply.Answered;
import org.redteam.backend.Reply.NoAnswer;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;

/**
 * One JSON POST to a model API, plain or streamed as server-sent events, retried by a {@link RetryPolicy}
 * when the failure is transient (429, 503, 529 and other 5xx, a refused or reset connection, a malformed
 * answer); every final failure is a {@link BackendUnavailableException} that names the target, the URL,
 * the HTTP status and the start of the body. Timeouts are not retried: the red teamer is already waiting.
 * Header values (API keys) are sent and never put in a message or a log line. Shared by the HTTP backends;
 * the parts are {@link HttpCall} (one request), {@link Retries}, {@link SseReader} and {@link BackendFailures}
 * (the words). Thread-safe.
 */
public final class JsonPost {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed 200 answer and the wall time of its request, retries included. */
    public record Answer(JsonNode body, String text, long latencyMillis) {
    }

    /**
     * Reads one streamed answer: the JSON of each {@code data:} event in order, then the end. A new reader
     * is made for every try. {@link #event} and {@link #finish} may throw a {@link BackendUnavailableException}
     * (from {@link #broken}) when the stream is not what the API sends.
     */
    public interface StreamReader<T> {
        void event(JsonNode data);

        /** The stream ended ({@code [DONE]} or the end of the body); {@code latencyMillis} includes retries. */
        T finish(long latencyMillis);
    }

    private final BackendFailures failures;
    private final HttpCall call;
    private final Retries retries;
    private final SseReader events;
    private final Transport transport;

    /**
     * @param where   names the target and backend in messages, e.g. "target rlhf-52b (openai-chat, model m)"
     * @param headers extra headers such as the API key; never quoted in messages
     * @param api     what a well-formed answer follows, for messages: "the OpenAI API"
     */
    public JsonPost(String where, URI url, Duration timeout, Map<String, String> headers, String api, RetryPolicy retry,
                    Transport transport) {
        this.failures = new BackendFailures(where + " at " + url, api, timeout);
        this.call = new HttpCall(url, timeout, timeout, headers, transport);
        this.retries = new Retries(retry, timeout, transport);
        this.events = new SseReader(failures, timeout, transport.timers());
        this.transport = transport;
    }

    /** Completes with what {@code read} makes of a 200 answer, or exceptionally with a {@link BackendUnavailableException}. */
    public <T> CompletableFuture<T> post(String json, Function<Answer, T> read) {
        long start = System.nanoTime();
        return retried(() -> call.post(json).thenApply(reply -> answer(reply, start).then(answer -> read(read, answer))));
    }

    /**
     * Posts a request that asks for a stream ({@code "stream": true} is the caller's) and feeds the
     * server-sent events to a reader. A failure before the first event is retried like {@link #post};
     * once text has been passed on, a broken stream fails at once.
     */
    public <T> CompletableFuture<T> stream(String json, Supplier<StreamReader<T>> readers) {
        long start = System.nanoTime();
        return retried(() -> call.open(json).thenApplyAsync(reply -> {
            if (reply instanceof Reply.Streaming streaming) {
                return read(streaming.events(), readers.get(), start);
            }
            return unanswered(reply);
        }, transport.readers()));
    }

    /** A well-formed answer that is not what {@code api} promises; thrown by readers. */
    public BackendUnavailableException broken(String what, String body) {
        return failures.broken(what, body);
    }

    private <T> CompletableFuture<T> retried(Supplier<CompletableFuture<Outcome<T, BackendUnavailableException>>> once) {
        // An exception out of a try is a bug in a reader, not a fault of the server: reported, not retried.
        return retries.run(() -> once.get().exceptionally(e -> new Outcome.Permanent<>(failures.requestFailed(Calls.unwrap(e)))),
                failures::giveUp).thenCompose(Outcome::settled);
    }

    private Outcome<Answer, BackendUnavailableException> answer(Reply reply, long start) {
        if (!(reply instanceof Answered answered) || !answered.ok()) {
            return unanswered(reply);
        }
        String body = answered.body();
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return new Outcome.Transient<>(broken("expected a JSON object", body));
            }
            return new Outcome.Ok<>(new Answer(root, body, millisSince(start)));
        } catch (JsonProcessingException e) {
            return new Outcome.Transient<>(broken("the body is not JSON (" + e.getOriginalMessage() + ")", body));
        }
    }

    /** A reader's complaint about a 200 answer may be a passing fault (a proxy's page, a cut body): retried. */
    private static <T> Outcome<T, BackendUnavailableException> read(Function<Answer, T> read, Answer answer) {
        try {
            return new Outcome.Ok<>(read.apply(answer));
        } catch (BackendUnavailableException e) {
            return new Outcome.Transient<>(e);
        }
    }

    private <T> Outcome<T, BackendUnavailableException> read(InputStream in, StreamReader<T> reader, long start) {
        Outcome<T, BackendUnavailableException> outcome = null;
        try (in) {
            outcome = events.read(in, reader, start);
            return outcome;
        } catch (IOException e) { // only closing throws: after a failure that failure stands, else this one
            return outcome != null && !(outcome instanceof Outcome.Ok) ? outcome : new Outcome.Transient<>(
                    new BackendUnavailableException(failures.where() + ": reading the answer failed: " + e, e));
        }
    }

    /** A non-200 status or no answer at all. */
    private <T> Outcome<T, BackendUnavailableException> unanswered(Reply reply) {
        return reply instanceof NoAnswer no ? failures.noAnswer(no) : failures.status((Answered) reply);
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

    /** Milliseconds since {@code startNanos} ({@link System#nanoTime}): latencies are wall time, not clock time. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
