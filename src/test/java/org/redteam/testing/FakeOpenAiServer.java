package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible server for tests, on a free loopback port: answers {@code POST /v1/chat/completions}
 * and {@code POST /v1/completions} with a {@link Reply} the test chooses (by default {@link #success}), and
 * records every request it received.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the server answers to one request: a status and body after {@code delayMillis}, or, when
     * {@code events} is not empty, a {@code text/event-stream} of those data lines {@code eventGapMillis}
     * apart; {@code hangUp} closes the connection without any answer.
     */
    public record Reply(int status, String body, long delayMillis, Map<String, String> headers, List<String> events,
                        long eventGapMillis, boolean hangUp) {
        public Reply(int status, String body, long delayMillis) {
            this(status, body, delayMillis, Map.of(), List.of(), 0, false);
        }

        public static Reply ok(String body) {
            return new Reply(200, body, 0);
        }

        /** The same answer, after {@code millis}. */
        public Reply after(long millis) {
            return new Reply(status, body, millis, headers, events, eventGapMillis, hangUp);
        }

        /** The same answer with one more header, e.g. Retry-After. */
        public Reply header(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, delayMillis, more, events, eventGapMillis, hangUp);
        }

        /** A 200 event stream: each string as one {@code data:} event, {@code gapMillis} apart. */
        public static Reply events(List<String> data, long gapMillis) {
            return new Reply(200, "", 0, Map.of(), List.copyOf(data), gapMillis, false);
        }

        /** No answer at all: the connection is closed as soon as the request is read. */
        public static Reply resetConnection() {
            return new Reply(0, "", 0, Map.of(), List.of(), 0, true);
        }
    }

    /** One request as received: its path, parsed body and headers (null when absent), and when it arrived. */
    public record Request(String path, JsonNode body, String authorization, String contentType, long receivedNanos) {
        /** The {@code "n"} asked for; 1 when none was sent. */
        public int n() {
            return body.path("n").asInt(1);
        }

        public boolean stream() {
            return body.path("stream").asBoolean(false);
        }

        public boolean chat() {
            return path.endsWith("/chat/completions");
        }

        /** The last user message (chat) or the whole prompt (completions). */
        public String input() {
            if (chat()) {
                JsonNode messages = body.path("messages");
                return messages.get(messages.size() - 1).path("content").asText();
            }
            return body.path("prompt").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-model-" + THREAD_NUMBERS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final java.util.concurrent.atomic.AtomicInteger THREAD_NUMBERS = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> replies = FakeOpenAiServer::success;

    private FakeOpenAiServer() {
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
    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    public FakeOpenAiServer reply(Function<Request, Reply> replies) {
        this.replies = replies;
        return this;
    }

    /** The base URL a backend is configured with: {@code http://127.0.0.1:port/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** As many choices as asked for: "reply i to: <input end>", finish_reason "stop". */
    public static Reply success(Request request) {
        return choices(request, request.n());
    }

    /** {@code count} choices, whatever was asked for (fewer than n breaks the contract). */
    public static Reply choices(Request request, int count) {
        ObjectNode root = JSON.createObjectNode().put("id", "fake-1").put("model", request.body().path("model").asText());
        root.put("object", request.chat() ? "chat.completion" : "text_completion");
        ArrayNode choices = root.putArray("choices");
        String input = request.input();
        String tail = input.substring(Math.max(0, input.length() - 40));
        for (int i = 0; i < count; i++) {
            String text = "reply " + i + " to: " + tail;
            ObjectNode choice = choices.addObject().put("index", i).put("finish_reason", "stop");
            if (request.chat()) {
                choice.putObject("message").put("role", "assistant").put("content", text);
            } else {
                choice.put("text", " " + text + "\n");
            }
        }
        return Reply.ok(root.toString());
    }

    /**
     * As {@link #success}, streamed the way OpenAI streams: word by word, the choices interleaved, each
     * chunk {@code gapMillis} after the last, then a chunk with the finish reasons and {@code [DONE]}.
     */
    public static Reply streamed(Request request, long gapMillis) {
        JsonNode full = readTree(success(request).body()).get("choices");
        List<String[]> words = new java.util.ArrayList<>();
        full.forEach(c -> words.add((request.chat() ? c.path("message").path("content").asText() : c.path("text").asText())
                .split("(?<= )")));
        int longest = words.stream().mapToInt(w -> w.length).max().orElse(0);
        List<String> events = new java.util.ArrayList<>();
        for (int w = 0; w < longest; w++) {
            for (int i = 0; i < words.size(); i++) {
                if (w < words.get(i).length) {
                    events.add(chunk(request, i, words.get(i)[w], null));
                }
            }
        }
        for (int i = 0; i < words.size(); i++) {
            events.add(chunk(request, i, "", "stop"));
        }
        events.add("[DONE]");
        return Reply.events(events, gapMillis);
    }

    private static String chunk(Request request, int index, String text, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "fake-stream")
                .put("object", request.chat() ? "chat.completion.chunk" : "text_completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", index);
        if (request.chat()) {
            choice.putObject("delta").put("content", text);
        } else {
            choice.put("text", text);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root.toString();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reply rateLimited(Request request) {
        return new Reply(429, "{\"error\": {\"message\": \"Rate limit reached for requests\", \"type\": \"requests\"}}", 0);
    }

    public static Reply serverError(Request request) {
        return new Reply(500, "{\"error\": {\"message\": \"CUDA out of memory\"}}", 0);
    }

    public static Reply malformed(Request request) {
        return Reply.ok("<html>502 Bad Gateway</html>");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = new Request(exchange.getRequestURI().getPath(), JSON.readTree(exchange.getRequestBody()),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), System.nanoTime());
            requests.add(request);
            Reply reply = replies.apply(request);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.hangUp()) {
                return; // closed below without a status line
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (!reply.events().isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                for (String data : reply.events()) {
                    exchange.getResponseBody().write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    if (reply.eventGapMillis() > 0) {
                        Thread.sleep(reply.eventGapMillis());
                    }
                }
                return;
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
