package org.redteam.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.redteam.problem.BackendUnavailableException;

/**
 * One JSON POST to a model API, with every failure turned into a {@link BackendUnavailableException}
 * that names the target, the URL, the HTTP status and the start of the body. Header values (API keys)
 * are sent and never put in a message. Shared by the HTTP backends. Thread-safe.
 */
public final class JsonPost {
    /** Longest piece of a response body quoted in an error message. */
    static final int BODY_QUOTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed 200 answer and the wall time of its request. */
    public record Answer(JsonNode body, String text, long latencyMillis) {
    }

    private final String where;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final String api;
    private final HttpClient http;

    /**
     * @param where   names the target and backend in messages, e.g. "target rlhf-52b (openai-chat, model m)"
     * @param headers extra headers such as the API key; never quoted in messages
     * @param api     what a well-formed answer follows, for messages: "the OpenAI API"
     */
    public JsonPost(String where, URI url, Duration timeout, Map<String, String> headers, String api) {
        this.url = url;
        this.where = where + " at " + url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.api = api;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Completes with the parsed JSON of a 200 answer, or exceptionally with a {@link BackendUnavailableException}. */
    public CompletableFuture<Answer> post(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(unwrap(failure)));
                    }
                    return answer(response, (System.nanoTime() - start) / 1_000_000);
                });
    }

    public BackendUnavailableException broken(String what, String body) {
        return new BackendUnavailableException(where + " answered HTTP 200 outside " + api + ": " + what
                + "; body: " + quote(body));
    }

    private Answer answer(HttpResponse<String> response, long latencyMillis) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429) {
            throw failed(where + ": rate limited (HTTP 429): " + quote(body));
        }
        if (status == 529) {
            throw failed(where + ": overloaded (HTTP 529): " + quote(body));
        }
        if (status != 200) {
            throw failed(where + " answered HTTP " + status + ": " + quote(body));
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new CompletionException(broken("expected a JSON object", body));
            }
            return new Answer(root, body, latencyMillis);
        } catch (JsonProcessingException e) {
            throw new CompletionException(broken("the body is not JSON (" + e.getOriginalMessage() + ")", body));
        }
    }

    private BackendUnavailableException transportFailure(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new BackendUnavailableException(where + ": no connection within " + timeout.toMillis()
                    + " ms (timeout_ms)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new BackendUnavailableException(where + ": no answer within " + timeout.toMillis()
                    + " ms (timeout_ms)", e);
        }
        if (e instanceof ConnectException) {
            return new BackendUnavailableException(where + ": cannot connect (is the server running?): " + e, e);
        }
        return new BackendUnavailableException(where + ": request failed: " + e, e);
    }

    private static CompletionException failed(String message) {
        return new CompletionException(new BackendUnavailableException(message));
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
}
