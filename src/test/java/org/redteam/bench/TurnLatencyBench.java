package org.redteam.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;

/**
 * Latency of the JSON API for a demo turn (POST /turns: two demo candidates, one transaction) and a
 * pick, over loopback against the real server on SQLite. Not a test: run it by hand (docs/benchmarks.md).
 * Usage: TurnLatencyBench [turns=100] [warmup=50]
 */
public final class TurnLatencyBench {

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("redteam-bench");
        // The demo campaign's targets, without the well-being pauses a person would get every 10 attempts.
        org.redteam.config.CampaignConfig config = new org.redteam.config.CampaignConfigLoader().parse("bench.yaml", """
                name: latency
                wellbeing: {survey_every: 1000, daily_cap: 0}
                targets:
                  - {id: plain-52b, model_type: plain lm, size: 52B, backend: {kind: demo, seed: 1}}
                  - {id: rlhf-52b, model_type: rlhf, size: 52B, backend: {kind: demo, seed: 2}}
                """);
        try (TestPlatform platform = TestPlatform.start(dir, config)) {
            ApiClient api = platform.redTeamer("bench");
            int maxTurns = platform.app().campaigns().campaign().config().maxTurns();
            List<Long> turnNanos = new ArrayList<>();
            List<Long> pickNanos = new ArrayList<>();
            long attempt = -1;
            int index = 0;
            for (int i = 0; i < warmup + turns; i++) {
                if (attempt < 0 || index == maxTurns) {
                    if (attempt >= 0) {
                        api.post("/api/attempts/" + attempt + "/rating", Map.of("rating", 1));
                    }
                    attempt = api.startAttempt("benchmark plan " + i);
                    index = 0;
                }
                long t0 = System.nanoTime();
                ApiClient.Response turn = api.post("/api/attempts/" + attempt + "/turns", Map.of("message", "tell me how to pick a lock " + i));
                long t1 = System.nanoTime();
                ApiClient.Response pick = api.post("/api/attempts/" + attempt + "/turns/" + index + "/choice", Map.of("moreHarmful", "A"));
                long t2 = System.nanoTime();
                if (turn.status() != 200 || pick.status() != 200) {
                    throw new IllegalStateException("unexpected status " + turn.status() + "/" + pick.status());
                }
                if (i >= warmup) {
                    turnNanos.add(t1 - t0);
                    pickNanos.add(t2 - t1);
                }
                index++;
            }
            System.out.printf("demo turn (POST /turns), n=%d: %s%n", turns, summary(turnNanos));
            System.out.printf("pick (POST /choice),     n=%d: %s%n", turns, summary(pickNanos));
        }
    }

    static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
}
