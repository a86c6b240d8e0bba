package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/**
 * Clients that send slowly cannot hold the server's threads: over loopback only (127.0.0.x source
 * addresses stand for different clients), with every socket closed at the end. The server runs with
 * {@link ConnectionLimits#DEFAULT} (5 s idle, 60 s between requests, 64 connections and 16 requests at once
 * per address).
 */
class SlowClientsTest {
    @TempDir
    Path dir;
    TestPlatform platform;
    final List<Socket> sockets = new ArrayList<>();
    String session;

    @BeforeEach
    void start() throws Exception {
        platform = TestPlatform.start(dir);
        String secret = platform.addWorker("mallory", Role.RED_TEAMER).inviteSecret();
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.baseUrl() + "/invite/" + secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("external_id=")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        session = cookie.substring(0, cookie.indexOf(';'));
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
        }
        platform.close();
    }

    @Test
    void threeHundredSlowConnectionsLeaveTheStartPageAnswering() throws Exception {
        // 250 slow form bodies of one signed-in worker from 5 addresses (the CSRF check reads them; without
        // the per-address request limit they would hold all of Jetty's 250 threads),
        for (int a = 0; a < 5; a++) {
            for (int i = 0; i < 50; i++) {
                slowBody(10 + a, "/leave", session);
            }
        }
        // 30 slow sign-in bodies to a made-up link from 3 addresses (refused before the body is read),
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < 10; i++) {
                slowBody(20 + a, "/invite/x", "");
            }
        }
        // and 20 connections that never finish their headers.
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < 10; i++) {
                send(open(30 + a), "POST /leave HTTP/1.1\r\nHost: x\r\n");
            }
        }
        assertThat(sockets).hasSize(300);

        long start = System.nanoTime();
        HttpResponse<String> home = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(millis).as("GET / took %d ms", millis).isLessThan(2000);
    }

    @Test
    void aSlowBodyIsCutAfterTheIdleTimeout() throws Exception {
        Socket s = slowBody(2, "/leave", session);
        long start = System.nanoTime();
        String answer = readUntilClosed(s, Duration.ofSeconds(15));
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(seconds).as("closed after %d s", seconds)
                .isLessThanOrEqualTo(ConnectionLimits.DEFAULT.idleTimeout().toSeconds() + 3);
        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    @Test
    void aBodyTricklingInWithinTheIdleTimeoutIsRefusedForItsRate() throws Exception {
        Socket s = slowBody(5, "/leave", session);
        long start = System.nanoTime();
        for (int i = 0; i < 3 && !s.isClosed(); i++) {
            Thread.sleep(1500); // under the 5 s idle timeout, far under 1 KiB/s
            send(s, "a");
        }
        String answer = readUntilClosed(s, Duration.ofSeconds(15));
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(answer).startsWith("HTTP/1.1 408");
        // Never idle for 5 s, so only the rate refuses it (at 1 byte per 1.5 s the body would take 25 min).
        assertThat(seconds).as("refused after %d s", seconds).isLessThan(10);
    }

    @Test
    void aSlowBodyToAnUnknownInviteIsRefusedBeforeItIsRead() throws Exception {
        Socket s = slowBody(3, "/invite/made-up", "");
        long start = System.nanoTime();
        String answer = readUntilClosed(s, Duration.ofSeconds(15));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer).matches("(?s)HTTP/1\\.1 40[14] .*");
        assertThat(millis).as("answered after %d ms", millis).isLessThan(2000);
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreClosedAtOnce() throws Exception {
        int limit = ConnectionLimits.DEFAULT.connectionsPerAddress();
        List<Socket> mine = new ArrayList<>();
        for (int i = 0; i < limit + 4; i++) {
            mine.add(slowBody(4, "/leave", session));
        }
        int closed = 0;
        Thread.sleep(300);
        for (Socket s : mine) {
            s.setSoTimeout(50);
            try {
                if (s.getInputStream().read() == -1) {
                    closed++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // held open, reading the body
            } catch (IOException reset) {
                closed++;
            }
        }
        assertThat(closed).isEqualTo(4);
    }

    @Test
    void aBusyHandlerIsNotCutByTheIdleTimeout() throws Exception {
        // Model calls and streamed turns keep a handler busy with nothing to read or write for longer than the limit.
        ConnectionLimits limits = new ConnectionLimits(Duration.ofMillis(500), Duration.ofSeconds(5), 1024, 16, 4);
        Javalin server = Javalin.create(cfg -> {
            limits.applyTo(cfg);
            cfg.routes.post("/slow", ctx -> {
                Thread.sleep(2000);
                ctx.result("done " + ctx.body());
            });
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/slow")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("done x");
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeptAliveConnectionWaitsLongerForItsNextRequestThanASlowBodyMay() throws Exception {
        // Closing idle kept-alive connections soon races with clients reusing them (docs/benchmarks.md).
        ConnectionLimits limits = new ConnectionLimits(Duration.ofMillis(500), Duration.ofMillis(2500), 1024, 16, 4);
        Javalin server = Javalin.create(cfg -> {
            limits.applyTo(cfg);
            cfg.routes.post("/echo", ctx -> ctx.result("got " + ctx.body()));
        }).start("127.0.0.1", 0);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            String echo = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n";
            send(s, echo + "a");
            assertThat(readAnswer(s)).startsWith("HTTP/1.1 200").endsWith("got a");
            Thread.sleep(1500); // three times the idle timeout, under the keep-alive one
            send(s, echo + "b");
            assertThat(readAnswer(s)).as("the kept-alive connection still answers").startsWith("HTTP/1.1 200").endsWith("got b");
            send(s, echo); // a body that does not come is still cut after the short idle timeout
            long start = System.nanoTime();
            assertThat(readUntilClosed(s, Duration.ofSeconds(10))).startsWith("HTTP/1.1 408");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until 408").isLessThan(2000);
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nc");
            assertThat(readAnswer(s)).endsWith("got c");
            long start = System.nanoTime();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).as("closed after the keep-alive timeout").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until closed").isBetween(2000L, 6000L);
        } finally {
            server.stop();
        }
    }

    @Test
    void aShortBodyInTwoPacketsOrReadAfterAPauseIsNotRefusedForItsRate() throws Exception {
        // Jetty's own minimum rate refused both with 408 (rate × time since the first byte, no allowance): the cause
        // of the 408s in the human-pace load runs (docs/benchmarks.md).
        Javalin server = Javalin.create(cfg -> {
            ConnectionLimits.DEFAULT.applyTo(cfg);
            cfg.routes.post("/read", ctx -> {
                InputStream in = ctx.req().getInputStream();
                byte[] first = new byte[10];
                int n = in.read(first);
                Thread.sleep(Long.parseLong(ctx.queryParam("pause")));
                ctx.result("read " + (n + in.readAllBytes().length));
            });
        }).start("127.0.0.1", 0);
        String body = "{\"task_description\": \"tell me how to pick a lock\"}";
        try {
            for (String pause : List.of("0", "1500")) {
                for (long gap : List.of(0L, 300L)) {
                    try (Socket s = new Socket("127.0.0.1", server.port())) {
                        send(s, "POST /read?pause=" + pause + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 5));
                        Thread.sleep(gap);
                        send(s, body.substring(5));
                        assertThat(readAnswer(s)).as("pause %s ms, second packet after %d ms", pause, gap)
                                .startsWith("HTTP/1.1 200").endsWith("read " + body.length());
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    /** Reads one answer with a Content-Length body. */
    private static String readAnswer(Socket s) throws IOException {
        s.setSoTimeout(5000);
        StringBuilder out = new StringBuilder();
        InputStream in = s.getInputStream();
        while (out.indexOf("\r\n\r\n") < 0) {
            out.append((char) readByte(in));
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(out);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        for (int i = 0; i < n; i++) {
            out.append((char) readByte(in));
        }
        return out.toString();
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("the server closed the connection");
        }
        return b;
    }

    /** A form POST from 127.0.0.{@code host} that promises 1000 bytes and sends one. */
    private Socket slowBody(int host, String path, String cookie) throws IOException {
        Socket s = open(host);
        String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n")
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n_";
        send(s, request);
        return s;
    }

    /** Writes {@code text}; a connection the server already closed (over the per-address limit) is fine. */
    private static void send(Socket s, String text) {
        try {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException closedByTheServer) {
            // counted by the test that cares
        }
    }

    private Socket open(int host) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress("127.0.0." + host, 0));
        s.connect(new InetSocketAddress("127.0.0.1", URI.create(platform.baseUrl()).getPort()), 2000);
        return s;
    }

    private static String readUntilClosed(Socket s, Duration limit) throws IOException {
        s.setSoTimeout((int) limit.toMillis());
        StringBuilder out = new StringBuilder();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (out.indexOf("\r\n\r\n") >= 0 && out.toString().startsWith("HTTP/1.1 4")) {
                    break;
                }
            }
        } catch (IOException reset) {
            // a reset is a close too
        }
        return out.toString();
    }
}
