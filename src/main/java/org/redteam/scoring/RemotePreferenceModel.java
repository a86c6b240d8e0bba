package org.redteam.scoring;

import org.redteam.config.PreferenceModelSpec;

import org.redteam.conversation.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.redteam.backend.Calls;
import org.redteam.backend.HttpCall;
import org.redteam.backend.Outcome;
import org.redteam.backend.Reply;
import org.redteam.backend.Retries;
import org.redteam.backend.Transport;
import org.redteam.config.RetryPolicy;

/**
 * A preference model served over HTTP (contract: docs/preference-model-remote.md):
 * {@code POST url {"inputs": [{"context", "response"}, …]}} → 200 {@code {"scores": [number, …]}}, one
 * finite score per input, in order, higher = more harmless. Inputs go in requests of at most
 * {@code batchSize}. Any failure (connection, timeout, status other than 200, a body that breaks
 * the contract) is a {@link ScoringException} naming the URL, the status and the start of the body;
 * the bearer token is sent, never logged or put in a message. Sent through the backends' transport parts
 * ({@link HttpCall}, {@link Retries}) with {@link RetryPolicy#NEVER}: the documented contract has no
 * retries. Thread-safe.
 */
final class RemotePreferenceModel implements PreferenceModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String display;
    private final Duration timeout;
    private final int batchSize;
    private final HttpCall http;
    private final Retries retries;

    /** @param apiKey the bearer token itself (resolved from the env var by {@link PreferenceModels}) */
    RemotePreferenceModel(URI url, Duration timeout, Duration connectTimeout, int batchSize, Optional<String> apiKey) {
        this(url, timeout, connectTimeout, batchSize, apiKey, Transport.system());
    }

    /** @param transport the clock, jitter and threads of the calls; tests pass their own */
    RemotePreferenceModel(URI url, Duration timeout, Duration connectTimeout, int batchSize, Optional<String> apiKey,
                          Transport transport) {
        this.display = displayUrl(url);
        this.timeout = timeout;
        this.batchSize = batchSize;
        this.http = new HttpCall(url, timeout, connectTimeout,
                apiKey.map(key -> Map.of("Authorization", "Bearer " + key)).orElse(Map.of()), transport);
        this.retries = new Retries(RetryPolicy.NEVER, timeout, transport);
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
        String body = body(batch);
        CompletableFuture<double[]> scores = retries.<double[], ScoringException>run(
                        () -> http.post(body).thenApply(reply -> scores(reply, batch.size())), RemotePreferenceModel::giveUp)
                .thenCompose(Outcome::settled);
        try {
            return scores.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scores.cancel(true);
            throw new ScoringException("preference model at " + display + ": interrupted while waiting for scores", e);
        } catch (ExecutionException e) {
            Throwable cause = Calls.unwrap(e.getCause());
            if (cause instanceof ScoringException scoring) {
                throw scoring;
            }
            throw new ScoringException("preference model at " + display + ": request failed: " + cause, cause);
        }
    }

    /** The last failure as it is: with {@link RetryPolicy#NEVER} there was one try, so there is nothing to add. */
    private static ScoringException giveUp(ScoringException last, int tries, Optional<Duration> tooLong) {
        return last;
    }

    private Outcome<double[], ScoringException> scores(Reply reply, int inputs) {
        if (reply instanceof Reply.NoAnswer no) {
            ScoringException failure = unanswered(no, inputs);
            return no.worthRetrying() ? new Outcome.Transient<>(failure) : new Outcome.Permanent<>(failure);
        }
        Reply.Answered answered = (Reply.Answered) reply; // post() never answers with an opened stream
        if (!answered.ok()) {
            ScoringException failure = new ScoringException("preference model at " + display + " answered HTTP "
                    + answered.status() + ": " + HttpCall.quote(answered.body()));
            return answered.worthRetrying() ? new Outcome.Transient<>(failure, answered.retryAfter())
                    : new Outcome.Permanent<>(failure);
        }
        return scores(answered.body(), inputs);
    }

    private ScoringException unanswered(Reply.NoAnswer no, int inputs) {
        Throwable e = no.cause();
        String at = "preference model at " + display;
        return switch (no.trouble()) {
            // The connect timeout is reported with timeout_ms, as it always was.
            case CONNECT_TIMEOUT -> new ScoringException(at + ": no connection within " + timeout.toMillis() + " ms", e);
            case TIMEOUT -> new ScoringException(at + ": no answer within " + timeout.toMillis() + " ms (timeout_ms) for "
                    + inputs + " inputs", e);
            case REFUSED -> new ScoringException(at + ": cannot connect: " + e.getMessage(), e);
            case BROKEN, UNREADABLE, OTHER -> new ScoringException(at + ": request failed: " + e, e);
        };
    }

    private static String body(List<Exchange> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        for (Exchange e : batch) {
            inputs.addObject().put("context", e.context()).put("response", e.response());
        }
        return root.toString();
    }

    /** The scores of a 200 answer; a body outside the contract is classified like a backend's malformed answer. */
    private Outcome<double[], ScoringException> scores(String body, int expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return broken("the body is not JSON (" + e.getOriginalMessage() + ")", body);
        }
        JsonNode scores = root == null ? null : root.get("scores");
        if (scores == null || !scores.isArray()) {
            return broken("expected a JSON object with a \"scores\" array", body);
        }
        if (scores.size() != expected) {
            return broken("sent " + expected + " inputs but got " + scores.size() + " scores", body);
        }
        double[] values = new double[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode s = scores.get(i);
            if (!s.isNumber() || !Double.isFinite(s.doubleValue())) {
                return broken("scores[" + i + "] must be a finite number, got " + HttpCall.quote(s.toString()), body);
            }
            values[i] = s.doubleValue();
        }
        return new Outcome.Ok<>(values);
    }

    private Outcome<double[], ScoringException> broken(String what, String body) {
        return new Outcome.Transient<>(new ScoringException("preference model at " + display + " answered HTTP 200 outside the contract: "
                + what + "; body: " + HttpCall.quote(body)));
    }

    /** The URL without user info or query, which may carry secrets. */
    static String displayUrl(URI url) {
        return PreferenceModelSpec.Remote.displayUrl(url);
    }
}
