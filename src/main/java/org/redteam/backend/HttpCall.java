package org.redteam.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.redteam.backend.Reply.Answered;
import org.redteam.backend.Reply.NoAnswer;
import org.redteam.backend.Reply.Trouble;

/**
 * One JSON POST to one URL, answered as a {@link Reply}: a status and body, an opened event stream, or no
 * answer and why. Never throws and never fails its future for a network fault; it does not retry. Header
 * values (API keys) are sent and never put in a reply. Thread-safe.
 */
public final class HttpCall {
    /** Longest piece of a response body quoted in an error message. */
    public static final int BODY_QUOTE = 200;
    /** Most bytes of an error body read from a stream that was not opened. */
    private static final int ERROR_BODY_BYTES = 64 * 1024;

    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final Transport transport;
    private final HttpClient http;

    /**
     * @param timeout        for the status line and headers of each request
     * @param connectTimeout for the TCP connection
     * @param headers        extra headers such as the API key
     */
    public HttpCall(URI url, Duration timeout, Duration connectTimeout, Map<String, String> headers, Transport transport) {
        this.url = url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.transport = transport;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI url() {
        return url;
    }

    /** Posts {@code json} and reads the whole answer as text. */
    public CompletableFuture<Reply> post(String json) {
        return http.sendAsync(request(json, "application/json"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> failure != null ? noAnswer(failure)
                        : answered(response.statusCode(), response.body() == null ? "" : response.body(), response.headers()));
    }

    /**
     * Posts {@code json} asking for server-sent events: a 200 is {@link Reply.Streaming}; any other status is
     * {@link Answered} with the start of its body (read on the transport's reader threads, as it may block).
     */
    public CompletableFuture<Reply> open(String json) {
        return http.sendAsync(request(json, "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream())
                .handleAsync((response, failure) -> failure != null ? noAnswer(failure)
                        : response.statusCode() == 200 ? new Reply.Streaming(response.body())
                        : errorBody(response), transport.readers());
    }

    private HttpRequest request(String json, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return request.build();
    }

    private Reply errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return answered(response.statusCode(), new String(in.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8),
                    response.headers());
        } catch (IOException e) {
            return new NoAnswer(Trouble.UNREADABLE, e);
        }
    }

    private Answered answered(int status, String body, HttpHeaders headers) {
        return new Answered(status, body, status == 200 ? Optional.empty() : retryAfter(headers, transport.clock()));
    }

    private static NoAnswer noAnswer(Throwable failure) {
        Throwable e = Calls.unwrap(failure);
        // HttpConnectTimeoutException is an HttpTimeoutException, and both are IOExceptions: most specific first.
        Trouble trouble = e instanceof HttpConnectTimeoutException ? Trouble.CONNECT_TIMEOUT
                : e instanceof HttpTimeoutException ? Trouble.TIMEOUT
                : e instanceof ConnectException ? Trouble.REFUSED
                : e instanceof IOException ? Trouble.BROKEN
                : Trouble.OTHER;
        return new NoAnswer(trouble, e);
    }

    /** Retry-After in seconds or as an HTTP date (read against {@code clock}); absent when missing or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
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
