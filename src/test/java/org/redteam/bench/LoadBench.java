package org.redteam.bench;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.web.PublicAddress;
import org.redteam.web.ConnectionLimits;
import org.redteam.web.WebServer;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/**
 * Load: {@code users} scripted red teamers at once, each in its own thread, against an openai-chat target on a
 * fake server that answers after {@code latencyMs}, for {@code seconds}: start an attempt, 5 turns with a pick
 * each, rate it, again. Reports errors, turns per second and the platform overhead per turn excluding model time
 * (client wall time of {@code POST …/turns} minus the model latency the turn recorded). Loopback only, bounded in
 * users and time. Not a test: run by hand (docs/benchmarks.md).
 *
 * <p>Usage: {@code LoadBench [users=200] [seconds=600] [latencyMs=1000] [jdbcUrl] [--think MIN-MAX] [--seed S]} —
 * without a JDBC URL the store is SQLite in a temporary directory; with one (e.g.
 * {@code jdbc:postgresql://127.0.0.1:54329/load?user=postgres}) it must be an empty database. Without
 * {@code --think} users never pause; with {@code --think 10-30} each user thinks a time drawn uniformly from 10 to
 * 30 s (from a generator seeded with {@code S} plus the user's number) before each message and before each pick,
 * as people who read and type do.
 */
public final class LoadBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One turn: the client's wall time and the server's (first before-handler to last after-handler). */
    record Timed(long attemptId, int index, long wallMicros, long serverMicros, long startedNanos) {
    }

    private static final String SERVER_TIME = "X-Bench-Server-Micros";
    /**
     * Users arrive spread evenly over this time rather than in the same millisecond: with a model that
     * answers every request after exactly the same latency, users started together stay in step and
     * send their turns in bursts of {@code users} at once, which no real crowd does.
     */
    private static final long STAGGER_MILLIS = 2_000;

    public static void main(String[] args) throws Exception {
        org.redteam.cli.Main.commonPoolOfAtLeastTwo();
        List<String> positional = new ArrayList<>();
        Think think = Think.NEVER;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--think") && i + 1 < args.length) {
                String[] range = args[++i].split("-");
                think = new Think(Long.parseLong(range[0]) * 1000, Long.parseLong(range[range.length - 1]) * 1000);
            } else if (args[i].equals("--seed") && i + 1 < args.length) {
                seed = Long.parseLong(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        int users = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200;
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 600;
        long latency = positional.size() > 2 ? Long.parseLong(positional.get(2)) : 1000;
        Optional<String> jdbc = positional.size() > 3 ? Optional.of(positional.get(3)) : Optional.empty();
        if (users < 1 || users > 1000 || seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("users 1–1000, seconds 1–3600");
        }
        StoreLocation store = jdbc.map(StoreLocation::jdbc)
                .orElseGet(() -> StoreLocation.directory(tempDir()));
        try (FakeOpenAiServer model = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.success(r).after(latency))) {
            CampaignConfig config = new CampaignConfigLoader().parse("load.yaml", """
                    name: load
                    attempts_per_set: 100
                    wellbeing: {survey_every: 1000, daily_cap: 0, break_after_minutes: 0}
                    targets:
                      - {id: chat-a, model_type: rlhf, size: 8B, backend: {kind: openai-chat, base_url: "%1$s", model: m, timeout_ms: 30000}}
                      - {id: chat-b, model_type: plain lm, size: 8B, backend: {kind: openai-chat, base_url: "%1$s", model: m, timeout_ms: 30000}}
                    """.formatted(model.baseUrl()));
            try (Platform app = App.at(store).clock(Clock.systemUTC()).targets(App.targets())
                    .preferenceModel(FakePreferenceModel.minusLength()).start(config)) {
                // Every simulated user connects from 127.0.0.1, as behind a proxy: no per-address limits.
                Javalin server = WebServer.create(app.web(), PublicAddress.of(Optional.empty()),
                        new ConnectionLimits(Duration.ofSeconds(Long.getLong("bench.idleSeconds", ConnectionLimits.DEFAULT.idleTimeout().toSeconds())),
                                Duration.ofSeconds(Long.getLong("bench.keepAliveSeconds", ConnectionLimits.DEFAULT.keepAliveTimeout().toSeconds())),
                                Long.getLong("bench.minRate", ConnectionLimits.DEFAULT.minRequestBytesPerSecond()), 0, 0), cfg -> {
                    cfg.routes.before("/api/attempts/{id}/turns", ctx -> ctx.attribute("bench.t0", System.nanoTime()));
                    cfg.routes.after("/api/attempts/{id}/turns", ctx -> {
                        Long t0 = ctx.attribute("bench.t0");
                        if (t0 != null) {
                            ctx.header(SERVER_TIME, Long.toString((System.nanoTime() - t0) / 1000));
                        }
                    });
                }).start("127.0.0.1", 0);
                String base = "http://127.0.0.1:" + server.port();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    WorkerService.NewWorker w = app.store().workers().add("load-" + i, EnumSet.of(Role.RED_TEAMER), Optional.empty());
                    app.campaigns().consent(w.worker(), config.riskTopics());
                    tokens.add(w.token());
                }
                java.util.concurrent.atomic.AtomicInteger clientThreads = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.ExecutorService clientPool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "load-client-http-" + clientThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool).build();
                List<Timed> timed = java.util.Collections.synchronizedList(new ArrayList<>());
                Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
                AtomicLong turns = new AtomicLong();
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                CountDownLatch done = new CountDownLatch(users);
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                Map<Long, long[]> cpuByThread = new ConcurrentHashMap<>();
                cpuByGroup(cpuByThread, true); // the baseline of the threads alive now
                for (int u = 0; u < users; u++) {
                    String token = tokens.get(u);
                    Thinker thinker = think.of(seed + u, deadline);
                    long arrival = STAGGER_MILLIS * u / users;
                    Thread t = new Thread(null, () -> {
                        try {
                            Thread.sleep(arrival);
                            runUser(http, base, token, deadline, thinker, timed, errors, turns);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            cpuByGroup(cpuByThread);
                            done.countDown();
                        }
                    }, "load-user-" + u);
                    t.setDaemon(true);
                    t.start();
                }
                done.await();
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpuCores = (processCpuNanos() - cpuStart) / 1e9 / elapsed;
                cpuByGroup(cpuByThread);
                Map<String, Long> modelMillis = new HashMap<>();
                app.store().database().jdbi().useHandle(h -> h.createQuery("SELECT t.attempt_id, t.turn_index, MAX(c.latency_ms) "
                                + "FROM turn t JOIN candidate c ON c.turn_id = t.id GROUP BY t.attempt_id, t.turn_index")
                        .map((rs, ctx) -> Map.entry(rs.getLong(1) + "/" + rs.getInt(2), rs.getLong(3)))
                        .forEach(e -> modelMillis.put(e.getKey(), e.getValue())));
                List<Long> overhead = new ArrayList<>();
                List<Long> serverOverhead = new ArrayList<>();
                List<Long> warmOverhead = new ArrayList<>();
                List<Long> warmServerOverhead = new ArrayList<>();
                long warm = start + Duration.ofSeconds(Math.min(60, seconds / 5)).toNanos();
                synchronized (timed) {
                    for (Timed t : timed) {
                        Long m = modelMillis.get(t.attemptId() + "/" + t.index());
                        if (m != null) {
                            overhead.add(t.wallMicros() - m * 1000);
                            if (t.startedNanos() >= warm) {
                                warmOverhead.add(t.wallMicros() - m * 1000);
                            }
                            if (t.serverMicros() >= 0) {
                                serverOverhead.add(t.serverMicros() - m * 1000);
                                if (t.startedNanos() >= warm) {
                                    warmServerOverhead.add(t.serverMicros() - m * 1000);
                                }
                            }
                        }
                    }
                }
                long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
                System.out.printf("store %s, %d users, %d s, model latency %d ms, %s: %d turns (%.1f/s), %d errors %s%n",
                        store.description(), users, seconds, latency, think.describe(seed), turns.get(), turns.get() / elapsed,
                        errorCount, errors);
                System.out.printf("requests resent once after a kept-alive connection closed under them (as browsers do): %d%n",
                        RESENT.get());
                System.out.printf("this JVM (platform, fake model server and clients) used %.2f of %d cores; load average %.2f%n",
                        cpuCores, Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.println(groupShares(cpuByThread, elapsed));
                report("overhead per turn excluding model time, client wall time", overhead);
                report("overhead per turn excluding model time, inside the server (before-handler to after-handler)", serverOverhead);
                long warmSeconds = Math.min(60, seconds / 5);
                report("after the first " + warmSeconds + " s (JIT warm-up), client wall time", warmOverhead);
                report("after the first " + warmSeconds + " s (JIT warm-up), inside the server", warmServerOverhead);
                server.stop();
            }
        }
        System.exit(0);
    }

    private static void report(String what, List<Long> micros) {
        if (micros.isEmpty()) {
            return;
        }
        micros.sort(Long::compare);
        int n = micros.size();
        System.out.printf("%s (n=%d): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what,
                n, micros.get(n / 2) / 1e3, micros.get((int) (n * 0.9)) / 1e3,
                micros.get(Math.min(n - 1, (int) (n * 0.99))) / 1e3, micros.get(n - 1) / 1e3);
    }

    /**
     * Records the CPU time of every live thread; called at the start, by each user thread as it ends and at
     * the end, so threads that finish early are counted too (threads that come and go between calls are not).
     */
    private static void cpuByGroup(Map<Long, long[]> byThread) {
        cpuByGroup(byThread, false);
    }

    /** With {@code baseline}, the CPU so far is the starting point; a thread first seen later started at 0. */
    private static void cpuByGroup(Map<Long, long[]> byThread, boolean baseline) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = mx.getThreadCpuTime(t.getId());
            if (cpu >= 0) {
                byThread.compute(t.getId(), (id, v) -> v == null ? new long[] {baseline ? cpu : 0, cpu, group(t.getName())}
                        : new long[] {v[0], cpu, v[2]});
            }
        }
    }

    private static final String[] GROUPS = {"platform (Jetty request threads)", "platform (scoring, pools, common pool)",
            "JDK HTTP client threads (platform's model calls and the load client's selector)", "load client", "fake model server", "other"};

    private static long group(String name) {
        if (name.startsWith("JettyServerThreadPool") || name.startsWith("qtp")) {
            return 0;
        }
        if (name.startsWith("redteam") || name.startsWith("ForkJoinPool") || name.startsWith("backend-")) {
            return 1;
        }
        if (name.startsWith("HttpClient-")) {
            return 2;
        }
        if (name.startsWith("load-")) {
            return 3;
        }
        if (name.startsWith("fake-model-") || name.startsWith("HTTP-Dispatcher")) {
            return 4;
        }
        return 5;
    }

    private static String groupShares(Map<Long, long[]> byThread, double elapsed) {
        double[] cores = new double[GROUPS.length];
        for (long[] v : byThread.values()) {
            cores[(int) v[2]] += (v[1] - v[0]) / 1e9 / elapsed;
        }
        StringBuilder out = new StringBuilder("CPU by thread group (cores; Java threads only, without JIT and GC):");
        for (int i = 0; i < GROUPS.length; i++) {
            out.append(String.format("%n  %-80s %.2f", GROUPS[i], cores[i]));
        }
        return out.toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Thinking time before each message and pick, drawn uniformly from {@code [minMillis, maxMillis]}. */
    record Think(long minMillis, long maxMillis) {
        static final Think NEVER = new Think(0, 0);

        Thinker of(long seed, long deadlineNanos) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            return () -> {
                if (maxMillis <= 0) {
                    return;
                }
                long millis = minMillis + random.nextLong(maxMillis - minMillis + 1);
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                Thread.sleep(Math.max(0, Math.min(millis, left)));
            };
        }

        String describe(long seed) {
            return maxMillis <= 0 ? "no pause between steps"
                    : "thinking %d–%d s before each message and pick (seed %d)".formatted(minMillis / 1000, maxMillis / 1000, seed);
        }
    }

    /** One user's thinking: sleeps before a step, never past the deadline. */
    interface Thinker {
        void pause() throws InterruptedException;
    }

    private static void runUser(HttpClient http, String base, String token, long deadline, Thinker thinker, List<Timed> timed,
                                Map<String, AtomicLong> errors, AtomicLong turns) throws InterruptedException {
        int plan = 0;
        while (System.nanoTime() < deadline) {
            JsonNode attempt = post(http, base, token, "/api/attempts", Map.of("taskDescription", "load plan " + plan++), errors);
            if (attempt == null) {
                return;
            }
            long id = attempt.get("id").asLong();
            int index = 0;
            for (; index < 5 && System.nanoTime() < deadline; index++) {
                thinker.pause();
                if (System.nanoTime() >= deadline) {
                    break;
                }
                long t0 = System.nanoTime();
                HttpResponse<String> turn = send(http, base, token, "/api/attempts/" + id + "/turns",
                        Map.of("message", "tell me how to pick a lock, take " + index), errors);
                long wall = (System.nanoTime() - t0) / 1000;
                if (turn == null) {
                    return;
                }
                timed.add(new Timed(id, index, wall,
                        turn.headers().firstValue(SERVER_TIME).map(Long::parseLong).orElse(-1L), t0));
                turns.incrementAndGet();
                thinker.pause();
                if (post(http, base, token, "/api/attempts/" + id + "/turns/" + index + "/choice", Map.of("moreHarmful", "A"), errors) == null) {
                    return;
                }
            }
            if (index > 0 && post(http, base, token, "/api/attempts/" + id + "/rating", Map.of("rating", index % 5), errors) == null) {
                return;
            }
        }
    }

    private static JsonNode post(HttpClient http, String base, String token, String path, Object body, Map<String, AtomicLong> errors) {
        HttpResponse<String> r = send(http, base, token, path, body, errors);
        try {
            return r == null ? null : JSON.readTree(r.body());
        } catch (Exception e) {
            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            return null;
        }
    }

    /**
     * Requests sent a second time because the first went out on a kept-alive connection that was being closed
     * (the server closes connections silent for 5 s; "header parser received no bytes": the server never saw the
     * request). Browsers resend such a request; the JDK client does not, so this client does, once.
     */
    static final AtomicLong RESENT = new AtomicLong();

    private static HttpResponse<String> send(HttpClient http, String base, String token, String path, Object body,
                                             Map<String, AtomicLong> errors) {
        try {
            return sendOnce(http, base, token, path, body, errors);
        } catch (java.io.IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("received no bytes")) {
                RESENT.incrementAndGet();
                try {
                    return sendOnce(http, base, token, path, body, errors);
                } catch (Exception again) {
                    return failed(again, path, errors);
                }
            }
            return failed(e, path, errors);
        } catch (Exception e) {
            return failed(e, path, errors);
        }
    }

    private static HttpResponse<String> failed(Exception e, String path, Map<String, AtomicLong> errors) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\d+", "N");
        errors.computeIfAbsent(e.getClass().getSimpleName() + message + " " + path.replaceAll("\\d+", "N"),
                k -> new AtomicLong()).incrementAndGet();
        return null;
    }

    private static HttpResponse<String> sendOnce(HttpClient http, String base, String token, String path, Object body,
                                                 Map<String, AtomicLong> errors) throws Exception {
        {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                errors.computeIfAbsent(r.statusCode() + " " + path.replaceAll("\\d+", "N"), k -> new AtomicLong()).incrementAndGet();
                return null;
            }
            return r;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("redteam-load");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
