package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An Anthropic Messages API server for tests, on a free loopback port: answers {@code POST /v1/messages} with a
 * {@link Reply} the test chooses (by default {@link #success}), and records every request it received.
 */
public final class FakeAnthropicServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server answers to one request. */
    public record Reply(int status, String body, long delayMillis) {
        public static Reply ok(String body) {
            return new Reply(200, body, 0);
        }

        /** The same answer, after {@code millis}. */
        public Reply after(long millis) {
            return new Reply(status, body, millis);
        }
    }

    /** One request as received: its path, parsed body and headers (null when absent). */
    public record Request(String path, JsonNode body, String apiKey, String version, String authorization,
                          String contentType) {
        /** The content of the last message. */
        public String input() {
            JsonNode messages = body.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> replies = FakeAnthropicServer::success;

    private FakeAnthropicServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** A server answering every request with {@link #success}. */
    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    public FakeAnthropicServer reply(Function<Request, Reply> replies) {
        this.replies = replies;
        return this;
    }

    /** The base URL a backend is configured with: {@code http://127.0.0.1:port}, without /v1. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
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

    private void handle(HttpExchange exchange) throws IOException {
        try {
            var headers = exchange.getRequestHeaders();
            Request request = new Request(exchange.getRequestURI().getPath(), JSON.readTree(exchange.getRequestBody()),
                    headers.getFirst("x-api-key"), headers.getFirst("anthropic-version"),
                    headers.getFirst("Authorization"), headers.getFirst("Content-Type"));
            requests.add(request);
            Reply reply = replies.apply(request);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (e.g. it timed out): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
