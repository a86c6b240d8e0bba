package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * An Anthropic Messages API server for tests, on a free loopback port: answers {@code POST /v1/messages} with a
 * {@link Reply} the test chooses (by default {@link #success}), and records every request it received.
 */
public final class FakeAnthropicServer extends FakeHttpServer<FakeAnthropicServer.Request> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: its path, parsed body and headers (null when absent). */
    public record Request(String path, JsonNode body, String apiKey, String version, String authorization,
                          String contentType) {
        /** The content of the last message. */
        public String input() {
            JsonNode messages = body.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        }
    }

    private FakeAnthropicServer() {
        super("/v1/", r -> new Request(r.path(), r.body(), r.header("x-api-key"), r.header("anthropic-version"),
                r.header("Authorization"), r.header("Content-Type")), FakeAnthropicServer::success);
    }

    /** A server answering every request with {@link #success}. */
    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    /** The base URL a backend is configured with: {@code http://127.0.0.1:port}, without /v1. */
    public URI baseUrl() {
        return url("");
    }

    /** Two text blocks, "reply to: " and the input's last 40 characters, stop_reason "end_turn". */
    public static Reply success(Request request) {
        String input = request.input();
        return blocks(request, "reply to: ", input.substring(Math.max(0, input.length() - 40)));
    }

    /** A message whose content is one text block per text, stop_reason "end_turn". */
    public static Reply blocks(Request request, String... texts) {
        ObjectNode root = JSON.createObjectNode().put("id", "msg_fake").put("type", "message").put("role", "assistant")
                .put("model", request.body().path("model").asText());
        var content = root.putArray("content");
        for (String text : texts) {
            content.addObject().put("type", "text").put("text", text);
        }
        root.put("stop_reason", "end_turn").putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
        return Reply.ok(root.toString());
    }

    public static Reply rateLimited(Request request) {
        return new Reply(429, "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", "
                + "\"message\": \"Number of requests has exceeded your rate limit\"}}", 0);
    }

    public static Reply overloaded(Request request) {
        return new Reply(529, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
                + "\"message\": \"Overloaded\"}}", 0);
    }

    public static Reply serverError(Request request) {
        return new Reply(500, "{\"type\": \"error\", \"error\": {\"type\": \"api_error\", "
                + "\"message\": \"Internal server error\"}}", 0);
    }

    public static Reply malformed(Request request) {
        return Reply.ok("<html>502 Bad Gateway</html>");
    }
}
