package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted JSON-over-HTTP server for tests, on a free loopback port: answers every POST under one path
 * with the {@link Reply} its reply function chooses (or, first, the replies queued by {@link #replyFirst}),
 * and records each request as the subclass's view {@code Q} of it. What an API's fake adds is only its
 * request view and its canned answers.
 */
public class FakeHttpServer<Q> implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Threads are named "fake-model-N", the group LoadBench counts as the fake model server. */
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    /**
     * What the server answers to one request: a status, headers and body after {@code delayMillis}, or, when
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
            Map<String, String> more = new LinkedHashMap<>(headers);
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

    /** One request as received, before the subclass's view of it: path, parsed JSON body, headers, arrival. */
    public record Received(String path, JsonNode body, Headers headers, long receivedNanos) {
        /** The first value of a header, or null when absent. */
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-model-" + THREAD_NUMBERS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Function<Received, Q> view;
    private final List<Q> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> first = new ConcurrentLinkedQueue<>();
    private volatile Function<Q, Reply> replies;

    /** @param context the path prefix served, e.g. "/v1/" */
    protected FakeHttpServer(String context, Function<Received, Q> view, Function<Q, Reply> replies) {
        this.view = view;
        this.replies = replies;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(context, this::handle);
        server.start();
    }

    public FakeHttpServer<Q> reply(Function<Q, Reply> replies) {
        this.replies = replies;
        return this;
    }

    /** The next requests get these replies, in order; after them the reply function answers again. */
    public FakeHttpServer<Q> replyFirst(Reply... replies) {
        first.addAll(List.of(replies));
        return this;
    }

    public List<Q> requests() {
        return List.copyOf(requests);
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) {
        try {
            Q request = view.apply(new Received(exchange.getRequestURI().getPath(), JSON.readTree(exchange.getRequestBody()),
                    exchange.getRequestHeaders(), System.nanoTime()));
            requests.add(request);
            Reply scripted = first.poll();
            Reply reply = scripted != null ? scripted : replies.apply(request);
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.hangUp()) {
                return; // closed below without a status line
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (!reply.events().isEmpty()) {
                stream(exchange, reply);
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

    private static void stream(HttpExchange exchange, Reply reply) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        for (String data : reply.events()) {
            exchange.getResponseBody().write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            if (reply.eventGapMillis() > 0) {
                Thread.sleep(reply.eventGapMillis());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
