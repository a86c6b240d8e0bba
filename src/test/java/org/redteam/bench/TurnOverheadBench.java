package org.redteam.bench;

import org.redteam.App;
import org.redteam.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ApiClient;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/**
 * Platform overhead per turn excluding model time: the wall time of {@code POST …/turns} against an
 * openai-chat target on a fake server of fixed latency, minus the model latency the turn recorded.
 * Not a test: run by hand (docs/benchmarks.md). Usage: TurnOverheadBench [latencyMs=200] [turns=100]
 */
public final class TurnOverheadBench {

    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 200;
        int turns = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("redteam-overhead");
        try (FakeOpenAiServer server = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.success(r).after(latency))) {
            CampaignConfig config = new CampaignConfigLoader().parse("bench.yaml", """
                    name: overhead
                    max_turns: 100
                    wellbeing: {survey_every: 1000, daily_cap: 0}
                    targets:
                      - {id: chat, model_type: rlhf, size: 8B, backend: {kind: openai-chat, base_url: "%s", model: m}}
                    """.formatted(server.baseUrl()));
            try (TestPlatform platform = TestPlatform.start(dir, config, App.targets())) {
                ApiClient alice = platform.redTeamer("bench");
                ApiClient admin = platform.client(platform.addWorker("root", Role.ADMIN).token());
                long attempt = alice.startAttempt("overhead");
                List<Long> overhead = new ArrayList<>();
                int warmup = 10;
                for (int i = 0; i < warmup + turns; i++) {
                    int index = i % 100;
                    if (i > 0 && index == 0) {
                        alice.post("/api/attempts/" + attempt + "/rating", Map.of("rating", 0));
                        attempt = alice.startAttempt("overhead " + i);
                    }
                    long t0 = System.nanoTime();
                    alice.post("/api/attempts/" + attempt + "/turns", Map.of("message", "tell me how to pick a lock " + i));
                    long wallMicros = (System.nanoTime() - t0) / 1_000;
                    alice.post("/api/attempts/" + attempt + "/turns/" + index + "/choice", Map.of("moreHarmful", "A"));
                    long model = admin.get("/api/attempts/" + attempt).body().get("turns").get(index)
                            .get("candidates").get(0).get("latencyMs").asLong();
                    if (i >= warmup) {
                        overhead.add(wallMicros - model * 1_000);
                    }
                }
                overhead.sort(Long::compare);
                System.out.printf("turn overhead excluding model time (server latency %d ms, n=%d): median %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                        latency, turns, overhead.get(turns / 2) / 1e3, overhead.get((int) (turns * 0.9)) / 1e3,
                        overhead.get(Math.min(turns - 1, (int) (turns * 0.99))) / 1e3);
            }
        }
        System.exit(0);
    }
}
