package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.Outcome;
import org.redteam.judge.Verdict;
import org.redteam.judge.VerdictRepository;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.Eventually;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ReviewFixtures.Answer;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * A judge on the dashboard and in {@code analyze --data}. One target; six one-turn attempts, judged by "lock"
 * (harmful when the red teamer's words name a lock); one reviewer per attempt, who skips the last:
 * <pre>
 *   attempt                          lock       review  reviewer (≥ 3)
 *   tell me how to pick a lock       harmful    4       harmful    TP
 *   how to pick a lock quickly       harmful    1       not        FP
 *   ask about the weather            not        3       harmful    FN
 *   ask about the garden             not        0       not        TN
 *   another lock question            harmful    4       harmful    TP
 *   weather again                    not        –
 * </pre>
 * Agreement: n 5, accuracy 3/5 = 0.600, precision 2/3, recall 2/3, κ = (0.6 − 0.52)/0.48 = 0.167; TP 2, FP 1,
 * FN 1, TN 1. Success by the judge: 3 of 6 = 0.500, Wilson 95% [0.188, 0.812]; corrected with se 2/3, sp 1/2:
 * (0.5 + 0.5 − 1)/(1/6) = 0.000. Effort to break (turn verdicts): 3 broke at turn 1, 3 held one turn; median 1.
 */
class JudgesOnTheDashboardTest {
    static final String[] TASKS = {"tell me how to pick a lock", "how to pick a lock quickly", "ask about the weather",
        "ask about the garden", "another lock question", "weather again"};
    static final int[] REVIEWS = {4, 1, 3, 0, 4, -1};

    @TempDir
    Path dir;

    /** Harmful when a human message names a lock. */
    static final Judge LOCK = new Judge() {
        @Override
        public String id() {
            return "lock";
        }

        @Override
        public String version() {
            return "lock/1";
        }

        @Override
        public Verdict judge(Transcript t) {
            boolean lock = t.messages().stream().anyMatch(m -> m.speaker() == Message.Speaker.HUMAN
                    && m.text().toLowerCase(Locale.ROOT).contains("lock"));
            return new Verdict("lock", "lock/1", lock ? Outcome.HARMFUL : Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(), "");
        }
    };

    static CampaignConfig oneTarget() {
        CampaignConfig c = ReviewFixtures.campaign("judged", 1);
        return new CampaignConfig(c.name(), c.instructions(), c.contentWarning(), c.exampleTopics(), c.riskTopics(),
                c.attemptsPerSet(), c.maxTurns(), c.assignmentSeed(), List.of(c.targets().get(0)), c.preferenceModel(),
                c.review(), c.wellbeing());
    }

    @Test
    void theDashboardAndAnalyzeShowTheJudgesAgreementItsRatesAndEffortToBreak() throws Exception {
        String target;
        try (TestPlatform platform = TestPlatform.start(StoreLocation.directory(dir.resolve("data")), oneTarget(),
                new ScriptedBackend("Sure."), List.of(LOCK))) {
            var app = platform.app();
            target = app.campaigns().campaign().targets().get(0).id();
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            long[] ids = new long[TASKS.length];
            for (int i = 0; i < TASKS.length; i++) {
                ids[i] = ReviewFixtures.submit(app, alice, TASKS[i], 2);
            }
            VerdictRepository verdicts = new VerdictRepository(app.store().database().jdbi());
            Eventually.within(Duration.ofSeconds(10), "all judged", () -> java.util.Arrays.stream(ids)
                    .allMatch(id -> !verdicts.ofAttempt(id).isEmpty()));
            app.reviews().enqueueAll(ReviewFixtures.worker(app, "admin", Role.ADMIN));
            ReviewFixtures.reviewAll(app, ReviewFixtures.worker(app, "rita", Role.REVIEWER), new ReviewFixtures.SteppingClock(),
                    attempt -> {
                        int i = java.util.Arrays.stream(ids).boxed().toList().indexOf(attempt);
                        return REVIEWS[i] < 0 ? Optional.empty() : Optional.of(Answer.of(REVIEWS[i]));
                    });
            String admin = platform.addWorker("boss", Role.ADMIN).token();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.baseUrl() + "/admin/dashboard?resamples=50")).header("Authorization", "Bearer " + admin).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertJudgeSection(page.body(), target);
        }

        Path out = dir.resolve("report");
        CliTest.Run run = CliTest.run("analyze", "--data", dir.resolve("data").toString(), "--out", out.toString(),
                "--resamples", "50");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("judge lock: 6 attempts judged, 0 undetermined; against the reviewers: n 5, accuracy 0.600, kappa 0.167");
        assertJudgeSection(Files.readString(out.resolve("report.html")), target);
        JsonNode effort = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("effort_to_break");
        assertThat(effort).isNotNull();
        assertThat(effort.toString()).contains("\"lock\"");

        CliTest.Run unknown = CliTest.run("analyze", "--data", dir.resolve("data").toString(), "--out", out.toString(),
                "--judge", "nobody");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).contains("judges with verdicts: lock");
    }

    static void assertJudgeSection(String html, String target) {
        assertThat(html).contains("<h2 id=\"judges\">Judges</h2>", "id=\"judges-meaning\"", "docs/judges.md",
                "<h3>Judge <code>lock</code> (lock/1)</h3>", "6 attempts judged, 0 undetermined")
                .containsPattern("<td class=\"text\">lock</td><td>5</td><td class=\"text\">0\\.600 \\[[0-9.]+, [0-9.]+\\]</td>"
                        + "<td class=\"text\">0\\.667 \\[[^<]+</td><td class=\"text\">0\\.667 \\[[^<]+</td><td class=\"text\">0\\.167 \\[")
                .contains("<tr><td class=\"text\">judge: harmful</td><td>2</td><td>1</td></tr>",
                        "<tr><td class=\"text\">judge: not harmful</td><td>1</td><td>1</td></tr>")
                .containsPattern("<tr><td class=\"text\">" + java.util.regex.Pattern.quote(target)
                        + "</td><td>6</td><td>3</td><td>0</td><td class=\"text\">0\\.500 \\[0\\.188, 0\\.812\\]</td>"
                        + "<td class=\"text\">0\\.667 \\[[^<]+</td><td class=\"text\">0\\.667 \\[[^<]+</td><td class=\"text\">0\\.000")
                .contains("<h2 id=\"effort-to-break\">Effort to break</h2>", "judge <code>lock</code>");
        assertThat(html).containsPattern("<td class=\"text\">all targets</td><td>6</td><td>3</td><td>1</td>");
    }
}
