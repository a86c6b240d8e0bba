package org.redteam.backend.anthropic;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.redteam.problem.BackendUnavailableException;

/**
 * One JSON POST to Anthropic's Messages API, with every failure turned into a
 * {@link BackendUnavailableException} that names the target, the URL, the HTTP status and the start of the
 * body. The key is sent in {@code x-api-key} and never put in a message. Thread-safe.
 */
final class AnthropicHttp {
    /** Longest piece of a response body quoted in an error message. */
    static final int BODY_QUOTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed 200 answer and the wall time of its request. */
    record Answer(JsonNode body, String text, long latencyMillis) {
    }

    private final String where;
    private final URI url;
    private final Duration timeout;
    private final String apiKey;
    private final String version;
    private final HttpClient http;

    /** @param where names the target and backend in messages, e.g. "target claude (anthropic, model m)" */
    AnthropicHttp(String where, URI url, Duration timeout, String apiKey, String version) {
        this.url = url;
        this.where = where + " at " + url;
        this.timeout = timeout;
        this.apiKey = apiKey;
        this.version = version;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Completes with the parsed JSON of a 200 answer, or exceptionally with a {@link BackendUnavailableException}. */
    CompletableFuture<Answer> post(String json) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("x-api-key", apiKey).header("anthropic-version", version)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(unwrap(failure)));
                    }
                    return answer(response, (System.nanoTime() - start) / 1_000_000);
                });
    }

    BackendUnavailableException broken(String what, String body) {
        return new BackendUnavailableException(where + " answered HTTP 200 outside the Messages API: " + what
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

    private static CompletionException failed(String message) {
        return new CompletionException(new BackendUnavailableException(message));
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

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The start of a body, at most {@value #BODY_QUOTE} characters, on one line. */
    static String quote(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= BODY_QUOTE ? oneLine : oneLine.substring(0, BODY_QUOTE) + "…";
    }
}
