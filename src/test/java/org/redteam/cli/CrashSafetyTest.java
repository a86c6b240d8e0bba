package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ApiClient;
import org.redteam.testing.ServerProcess;
import org.redteam.worker.Role;

/**
 * {@code serve} killed with SIGKILL three times in the middle of scripted traffic (red teamers sending turns,
 * picking and rating; a reviewer answering reviews): every acknowledged turn, pick, rating and review is in
 * the store afterwards, and nothing is half-written.
 */
class CrashSafetyTest {
    static final String CAMPAIGN = """
            name: crash
            attempts_per_set: 100
            review: {per_attempt: 1}
            wellbeing: {survey_every: 1000, daily_cap: 0, break_after_minutes: 0}
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo, seed: 1}}
              - {id: two, model_type: plain lm, size: 1B, backend: {kind: demo, seed: 2}}
            """;

    @TempDir
    Path dir;

    /** What a 2xx answer acknowledged. */
    record Ack(String kind, long attempt, int index, String value) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesRepeatedKills() throws Exception {
        Path config = dir.resolve("campaign.yaml");
        Files.writeString(config, CAMPAIGN);
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        Path data = dir.resolve("data");
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        String adminToken;
        String reviewerToken;
        try (Platform app = App.start(StoreLocation.directory(data), campaign, Clock.systemUTC())) {
            adminToken = app.store().workers().add("admin", EnumSet.of(Role.ADMIN), Optional.empty()).token();
            reviewerToken = app.store().workers().add("rita", EnumSet.of(Role.REVIEWER), Optional.empty()).token();
        }
        for (int round = 0; round < 3; round++) {
            List<String> redTeamers = new ArrayList<>();
            try (Platform app = App.start(StoreLocation.directory(data), campaign, Clock.systemUTC())) {
                for (int i = 0; i < 3; i++) {
                    var w = app.store().workers().add("red-" + round + "-" + i, EnumSet.of(Role.RED_TEAMER), Optional.empty());
                    app.campaigns().consent(w.worker(), campaign.riskTopics());
                    redTeamers.add(w.token());
                }
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> traffic = new ArrayList<>();
            int before = acks.size();
            try (ServerProcess server = ServerProcess.start(data, "--config", config.toString())) {
                for (String token : redTeamers) {
                    traffic.add(thread(() -> redTeam(new ApiClient(server.baseUrl(), token), stop, acks)));
                }
                traffic.add(thread(() -> review(new ApiClient(server.baseUrl(), reviewerToken),
                        new ApiClient(server.baseUrl(), adminToken), stop, acks)));
                // Kill once the round has some acknowledged writes (a machine under load gets there later), at a
                // slightly different point each round.
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (acks.size() - before < 12 + 5 * round && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                server.kill(); // in the middle of the traffic
            }
            stop.set(true);
            for (Thread t : traffic) {
                t.join(30_000);
            }
        }

        System.out.println("crash safety: 3 SIGKILLs; acknowledged " + acks.stream().collect(
                java.util.stream.Collectors.groupingBy(Ack::kind, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        assertThat(acks.stream().filter(a -> a.kind().equals("turn"))).hasSizeGreaterThan(15);
        assertThat(acks.stream().filter(a -> a.kind().equals("rating"))).isNotEmpty();
        try (Platform app = App.start(StoreLocation.directory(data), campaign, Clock.systemUTC())) {
            app.store().database().jdbi().useHandle(h -> {
                for (Ack a : acks) {
                    switch (a.kind()) {
                        case "turn" -> assertThat(h.createQuery("SELECT COUNT(*) FROM turn WHERE attempt_id = :a AND turn_index = :i")
                                .bind("a", a.attempt()).bind("i", a.index()).mapTo(Integer.class).one()).as("acknowledged %s", a).isEqualTo(1);
                        case "pick" -> assertThat(h.createQuery("SELECT more_harmful FROM turn WHERE attempt_id = :a AND turn_index = :i")
                                .bind("a", a.attempt()).bind("i", a.index()).mapTo(String.class).one()).as("acknowledged %s", a).isEqualTo(a.value());
                        case "rating" -> assertThat(h.createQuery("SELECT rating FROM attempt WHERE id = :a AND status = 'submitted'")
                                .bind("a", a.attempt()).mapTo(Double.class).one()).as("acknowledged %s", a).isEqualTo(Double.parseDouble(a.value()));
                        case "review" -> assertThat(h.createQuery("SELECT rating FROM review_task WHERE id = :t AND status = 'answered'")
                                .bind("t", a.attempt()).mapTo(Integer.class).one()).as("acknowledged %s", a).isEqualTo(Integer.parseInt(a.value()));
                        default -> throw new AssertionError(a);
                    }
                }
                // Nothing half-written: every turn has both candidates, every review's tags belong to an answer.
                assertThat(h.createQuery("SELECT COUNT(*) FROM turn t WHERE (SELECT COUNT(*) FROM candidate c WHERE c.turn_id = t.id) <> 2")
                        .mapTo(Integer.class).one()).isZero();
                assertThat(h.createQuery("SELECT COUNT(*) FROM review_tag g JOIN review_task t ON t.id = g.task_id WHERE t.status <> 'answered'")
                        .mapTo(Integer.class).one()).isZero();
                assertThat(h.createQuery("SELECT COUNT(*) FROM attempt WHERE status = 'submitted' AND submitted_at IS NULL")
                        .mapTo(Integer.class).one()).isZero();
            });
        }
    }

    private static Thread thread(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Attempts of up to 3 turns, each picked, then rated; stops at the first failure (the kill). */
    private static void redTeam(ApiClient api, AtomicBoolean stop, Queue<Ack> acks) {
        try {
            while (!stop.get()) {
                ApiClient.Response started = api.post("/api/attempts", Map.of("taskDescription", "get lock picking steps"));
                if (started.status() != 201) {
                    return;
                }
                long id = started.body().get("id").asLong();
                for (int i = 0; i < 3; i++) {
                    if (api.post("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock " + i)).status() != 200) {
                        return;
                    }
                    acks.add(new Ack("turn", id, i, ""));
                    String side = i % 2 == 0 ? "A" : "B";
                    if (api.post("/api/attempts/" + id + "/turns/" + i + "/choice", Map.of("moreHarmful", side)).status() != 200) {
                        return;
                    }
                    acks.add(new Ack("pick", id, i, side));
                }
                int rating = (int) (id % 5);
                if (api.post("/api/attempts/" + id + "/rating", Map.of("rating", rating)).status() != 200) {
                    return;
                }
                acks.add(new Ack("rating", id, 0, rating + ".0"));
            }
        } catch (RuntimeException connectionGone) {
            // the server was killed mid-request: that request was never acknowledged
        }
    }

    private static void review(ApiClient reviewer, ApiClient admin, AtomicBoolean stop, Queue<Ack> acks) {
        try {
            while (!stop.get()) {
                ApiClient.Response next = reviewer.get("/api/reviews/next");
                if (next.status() == 204) {
                    if (admin.post("/api/admin/review-queue", Map.of("mode", "all")).status() != 200) {
                        return;
                    }
                    Thread.sleep(50);
                    continue;
                }
                if (next.status() != 200) {
                    return;
                }
                JsonNode task = next.body();
                if (task.has("wellbeingSurvey")) {
                    return;
                }
                long taskId = task.get("taskId").asLong();
                int rating = (int) (taskId % 5);
                if (reviewer.post("/api/reviews/" + taskId, Map.of("rating", rating, "tags", List.of("Theft"))).status() != 200) {
                    return;
                }
                acks.add(new Ack("review", taskId, 0, String.valueOf(rating)));
            }
        } catch (RuntimeException | InterruptedException connectionGone) {
            // killed mid-request
        }
    }
}
