package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A JSON API client with a bearer token (or none), for tests over the real server. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Status and parsed JSON body (null when the body is empty or not JSON). */
    public record Response(int status, JsonNode body, String raw) {
        public String error() {
            return body == null || body.get("error") == null ? null : body.get("error").asText();
        }
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response post(String path, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(builder(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Response(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts an attempt and returns its id. */
    public long startAttempt(String taskDescription) {
        Response r = post("/api/attempts", Map.of("taskDescription", taskDescription));
        if (r.status() != 201) {
            throw new AssertionError("start attempt: " + r.status() + " " + r.raw());
        }
        return r.body().get("id").asLong();
    }

    /** One server-sent event: its name and parsed data. */
    public record Event(String name, JsonNode data) {
    }

    /** Status, content type and the events of a POST asking for {@code text/event-stream}. */
    public record Events(int status, String contentType, List<Event> events, String raw) {
    }

    /** POSTs JSON with {@code Accept: text/event-stream} and reads the whole stream. */
    public Events postForEvents(String path, Object body) {
        try {
            HttpRequest request = builder(path).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            List<Event> events = new ArrayList<>();
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/event-stream")) {
                for (String block : r.body().split("\n\n")) {
                    String name = null;
                    String data = null;
                    for (String line : block.split("\n")) {
                        if (line.startsWith("event: ")) {
                            name = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            data = line.substring(6);
                        }
                    }
                    if (name != null && data != null) {
                        events.add(new Event(name, JSON.readTree(data)));
                    }
                }
            }
            return new Events(r.statusCode(), type, events, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a message and picks a side; returns the turn response. */
    public Response turnAndPick(long attemptId, int index, String message, String side) {
        Response turn = post("/api/attempts/" + attemptId + "/turns", Map.of("message", message));
        if (turn.status() != 200) {
            throw new AssertionError("turn: " + turn.status() + " " + turn.raw());
        }
        Response pick = post("/api/attempts/" + attemptId + "/turns/" + index + "/choice", Map.of("moreHarmful", side));
        if (pick.status() != 200) {
            throw new AssertionError("choice: " + pick.status() + " " + pick.raw());
        }
        return turn;
    }
}
