package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A served reward model for tests, on a free loopback port: answers {@code POST /score} per
 * docs/preference-model-remote.md with a {@link Reply} the test chooses, and records each request.
 */
public final class FakePreferenceModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server answers to one request. */
    public record Reply(int status, String body, long delayMillis) {
        public static Reply ok(String body) {
            return new Reply(200, body, 0);
        }
    }

    /** One request as received: its parsed body and its Authorization header (null when absent). */
    public record Request(JsonNode body, String authorization, String contentType) {
        public int inputs() {
            return body.get("inputs").size();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> replies;

    private FakePreferenceModelServer(Function<Request, Reply> replies) {
        this.replies = replies;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/score", this::handle);
        server.start();
    }

    /** Scores every input −length of its response, like {@link FakePreferenceModel}. */
    public static FakePreferenceModelServer minusLength() {
        return new FakePreferenceModelServer(FakePreferenceModelServer::minusLengthReply);
    }

    public static FakePreferenceModelServer replying(Function<Request, Reply> replies) {
        return new FakePreferenceModelServer(replies);
    }

    public static Reply minusLengthReply(Request request) {
        StringBuilder scores = new StringBuilder("{\"scores\": [");
        for (int i = 0; i < request.inputs(); i++) {
            scores.append(i == 0 ? "" : ", ")
                    .append(FakePreferenceModel.score(request.body().get("inputs").get(i).get("response").asText()));
        }
        return Reply.ok(scores.append("]}").toString());
    }

    public void reply(Function<Request, Reply> replies) {
        this.replies = replies;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/score");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = new Request(JSON.readTree(exchange.getRequestBody()),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"));
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
