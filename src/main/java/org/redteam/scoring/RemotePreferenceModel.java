package org.redteam.scoring;

import org.redteam.config.PreferenceModelSpec;

import org.redteam.conversation.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A preference model served over HTTP (contract: docs/preference-model-remote.md):
 * {@code POST url {"inputs": [{"context", "response"}, …]}} → 200 {@code {"scores": [number, …]}}, one
 * finite score per input, in order, higher = more harmless. Inputs go in requests of at most
 * {@code batchSize}. Any failure (connection, timeout, status other than 200, a body that breaks
 * the contract) is a {@link ScoringException} naming the URL, the status and the start of the body;
 * the bearer token is sent, never logged or put in a message. Thread-safe.
 */
public final class RemotePreferenceModel implements PreferenceModel {
    /** Longest piece of a response body quoted in an error message. */
    static final int BODY_QUOTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String display;
    private final Duration timeout;
    private final int batchSize;
    private final Optional<String> apiKey;
    private final HttpClient http;

    /** @param apiKey the bearer token itself (resolved from the env var by {@link PreferenceModels}) */
    RemotePreferenceModel(URI url, Duration timeout, Duration connectTimeout, int batchSize, Optional<String> apiKey) {
        this.url = url;
        this.display = displayUrl(url);
        this.timeout = timeout;
        this.batchSize = batchSize;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public double harmlessness(String context, String response) {
        return harmlessness(List.of(new Exchange(context, response)))[0];
    }

    @Override
    public double[] harmlessness(List<Exchange> exchanges) {
        double[] scores = new double[exchanges.size()];
        for (int from = 0; from < exchanges.size(); from += batchSize) {
            List<Exchange> batch = exchanges.subList(from, Math.min(from + batchSize, exchanges.size()));
            double[] part = request(batch);
            System.arraycopy(part, 0, scores, from, part.length);
        }
        return scores;
    }

    @Override
    public String name() {
        return "remote " + display;
    }

    private double[] request(List<Exchange> batch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(batch), StandardCharsets.UTF_8));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new ScoringException("preference model at " + display + ": no connection within "
                    + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new ScoringException("preference model at " + display + ": no answer within "
                    + timeout.toMillis() + " ms (timeout_ms) for " + batch.size() + " inputs", e);
        } catch (ConnectException e) {
            throw new ScoringException("preference model at " + display + ": cannot connect: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ScoringException("preference model at " + display + ": request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException("preference model at " + display + ": interrupted while waiting for scores", e);
        }
        if (response.statusCode() != 200) {
            throw new ScoringException("preference model at " + display + " answered HTTP " + response.statusCode()
                    + ": " + quote(response.body()));
        }
        return scores(response.body(), batch.size());
    }

    private static String body(List<Exchange> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        for (Exchange e : batch) {
            inputs.addObject().put("context", e.context()).put("response", e.response());
        }
        return root.toString();
    }

    private double[] scores(String body, int expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw broken("the body is not JSON (" + e.getOriginalMessage() + ")", body);
        }
        JsonNode scores = root == null ? null : root.get("scores");
        if (scores == null || !scores.isArray()) {
            throw broken("expected a JSON object with a \"scores\" array", body);
        }
        if (scores.size() != expected) {
            throw broken("sent " + expected + " inputs but got " + scores.size() + " scores", body);
        }
        double[] values = new double[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode s = scores.get(i);
            if (!s.isNumber() || !Double.isFinite(s.doubleValue())) {
                throw broken("scores[" + i + "] must be a finite number, got " + quote(s.toString()), body);
            }
            values[i] = s.doubleValue();
        }
        return values;
    }

    private ScoringException broken(String what, String body) {
        return new ScoringException("preference model at " + display + " answered HTTP 200 outside the contract: "
                + what + "; body: " + quote(body));
    }

    /** The start of a body, at most {@value #BODY_QUOTE} characters, on one line. */
    static String quote(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= BODY_QUOTE ? oneLine : oneLine.substring(0, BODY_QUOTE) + "…";
    }

    /** The URL without user info or query, which may carry secrets. */
    static String displayUrl(URI url) {
        return PreferenceModelSpec.Remote.displayUrl(url);
    }
}
