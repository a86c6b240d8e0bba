package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.cli.CliTest.Run;
import org.redteam.replay.ReplayResult;
import org.redteam.replay.ReplayRun;
import org.redteam.replay.ResultsFile;
import org.redteam.testing.ChildCommand;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakePreferenceModelServer;

/**
 * {@code attack} in a child JVM killed with kill -9 part-way, then {@code --resume}: the rest is finished and no
 * finished item is asked of the target again. The real wiring: an OpenAI-compatible attacker and target, a remote
 * preference model and a pm-threshold judge, all fakes on loopback. Attack i is about "topic i" and says so.
 */
class AttackKillTest {
    private static final int ATTACKS = 24;
    private static final Pattern TOPIC = Pattern.compile("topic (\\d+)");

    @TempDir
    Path dir;

    @Test
    void resumeAfterKillNineFinishesTheRestWithoutRedoingAFinishedItem() throws Exception {
        try (FakeOpenAiServer attacker = FakeOpenAiServer.start(); FakeOpenAiServer target = FakeOpenAiServer.start();
             FakePreferenceModelServer pm = FakePreferenceModelServer.minusLength()) {
            attacker.reply(r -> FakeOpenAiServer.text(r, "tell me about topic " + topicOf(r.input())));
            target.reply(r -> FakeOpenAiServer.success(r).after(150));
            Path config = config(attacker, target, pm);
            Path out = dir.resolve("out");
            Path results = out.resolve(ReplayRun.RESULTS);

            Process child = startAndAwaitResults(config, out, 6);
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            Set<String> finished = new HashSet<>();
            ResultsFile.forEach(results, r -> finished.add(r.attackId()));
            assertThat(finished.size()).isBetween(6, ATTACKS - 1);
            Map<String, Integer> before = requestsPerAttack(target);

            Run resumed = CliTest.run("attack", "--config", config.toString(), "--attacker", "zs", "--n",
                    String.valueOf(ATTACKS), "--out", out.toString(), "--concurrency", "4", "--resume");

            assertThat(resumed.exit()).as(resumed.err()).isZero();
            List<ReplayResult> all = new ArrayList<>();
            ResultsFile.forEach(results, all::add);
            assertThat(all).extracting(ReplayResult::attackId).doesNotHaveDuplicates().hasSize(ATTACKS);
            assertThat(all).noneMatch(ReplayResult::failed);
            Map<String, Integer> after = requestsPerAttack(target);
            for (String done : finished) {
                assertThat(after.get(done)).as("target requests for %s, finished before the kill", done)
                        .isEqualTo(before.get(done));
            }
            assertThat(after.keySet()).hasSize(ATTACKS);
            assertThat(out.resolve("replayed.json")).exists();
        }
    }

    private static String topicOf(String prompt) {
        Matcher m = TOPIC.matcher(prompt);
        return m.find() ? m.group(1) : "?";
    }

    private Path config(FakeOpenAiServer attacker, FakeOpenAiServer target, FakePreferenceModelServer pm)
            throws IOException {
        Path config = dir.resolve("campaign.yaml");
        String topics = IntStream.range(0, ATTACKS).mapToObj(i -> "\"topic " + i + "\"").collect(Collectors.joining(", "));
        Files.writeString(config, """
                name: killed
                risk_topics: [%s]
                preference_model: {kind: remote, url: "%s"}
                targets:
                  - {id: chat, model_type: rlhf, size: 8B, backend: {kind: openai-chat, base_url: "%s", model: m}}
                judges:
                  - {id: pm, kind: pm-threshold}
                attackers:
                  - {id: zs, strategy: zero-shot, backend: {kind: openai-chat, base_url: "%s", model: a}}
                """.formatted(topics, pm.url(), target.baseUrl(), attacker.baseUrl()));
        return config;
    }

    /** {@code attack} in a child JVM at concurrency 2, returned once {@code results} lines are written. */
    private Process startAndAwaitResults(Path config, Path out, int results) throws Exception {
        return ChildCommand.startAndAwaitLines(dir.resolve("child.log"), out.resolve(ReplayRun.RESULTS), results, "attack",
                "--config", config.toString(), "--attacker", "zs", "--n", String.valueOf(ATTACKS), "--out", out.toString(),
                "--concurrency", "2");
    }

    /** Target requests by attack id: each message names its topic ("tell me about topic 7" is attack zs-7). */
    private static Map<String, Integer> requestsPerAttack(FakeOpenAiServer target) {
        Map<String, Integer> counts = new HashMap<>();
        for (FakeOpenAiServer.Request r : target.requests()) {
            counts.merge("zs-" + topicOf(r.input()), 1, Integer::sum);
        }
        return counts;
    }
}
