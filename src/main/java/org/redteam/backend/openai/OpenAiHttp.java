package org.redteam.backend.openai;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.redteam.problem.BackendUnavailableException;

/**
 * One JSON POST to an OpenAI-compatible endpoint, with every failure turned into a
 * {@link BackendUnavailableException} that names the target, the URL, the HTTP status and the start of the
 * body. The bearer token is sent and never put in a message. Thread-safe.
 */
final class OpenAiHttp {
    /** Longest piece of a response body quoted in an error message. */
    static final int BODY_QUOTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed 200 answer and the wall time of its request. */
    record Answer(JsonNode body, String text, long latencyMillis) {
    }

    private final String where;
    private final URI url;
    private final Duration timeout;
    private final Optional<String> apiKey;
    private final HttpClient http;

    /** @param where names the target and backend in messages, e.g. "target rlhf-52b (openai-chat, model m)" */
    OpenAiHttp(String where, URI url, Duration timeout, Optional<String> apiKey) {
        this.url = url;
        this.where = where + " at " + url;
        this.timeout = timeout;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Completes with the parsed JSON of a 200 answer, or exceptionally with a {@link BackendUnavailableException}. */
    CompletableFuture<Answer> post(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        long start = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(transportFailure(unwrap(failure)));
                    }
                    return answer(response, (System.nanoTime() - start) / 1_000_000);
                });
    }

    BackendUnavailableException broken(String what, String body) {
        return new BackendUnavailableException(where + " answered HTTP 200 outside the OpenAI API: " + what
                + "; body: " + quote(body));
    }

    private Answer answer(HttpResponse<String> response, long latencyMillis) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429) {
            throw new CompletionException(new BackendUnavailableException(where + ": rate limited (HTTP 429): "
                    + quote(body)));
        }
        if (status != 200) {
            throw new CompletionException(new BackendUnavailableException(where + " answered HTTP " + status + ": "
                    + quote(body)));
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
