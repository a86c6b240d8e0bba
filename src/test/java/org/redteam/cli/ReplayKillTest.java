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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.cli.CliTest.Run;
import org.redteam.replay.Attack;
import org.redteam.replay.AttackSource;
import org.redteam.replay.ReplayResult;
import org.redteam.replay.ReplayRun;
import org.redteam.replay.ResultsFile;
import org.redteam.replay.SuiteFile;
import org.redteam.testing.ChildCommand;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakePreferenceModelServer;

/**
 * {@code replay} in a child JVM killed with kill -9 part-way, then {@code --resume}: the rest is finished and no
 * finished item is asked of the model again. The real wiring: an OpenAI-compatible target, a remote preference
 * model and a pm-threshold judge, all fakes on loopback.
 */
class ReplayKillTest {
    private static final int ATTACKS = 24;

    @TempDir
    Path dir;

    @Test
    void resumeAfterKillNineFinishesTheRestWithoutAskingForAFinishedItemAgain() throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start();
             FakePreferenceModelServer pm = FakePreferenceModelServer.minusLength()) {
            model.reply(r -> FakeOpenAiServer.success(r).after(150));
            Path config = config(model, pm);
            Path suite = suite();
            Path out = dir.resolve("out");
            Path results = out.resolve(ReplayRun.RESULTS);

            Process child = startAndAwaitResults(suite, config, out, 6);
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            Set<String> finished = new HashSet<>();
            ResultsFile.forEach(results, r -> finished.add(r.attackId()));
            assertThat(finished.size()).isBetween(6, ATTACKS - 1);
            Map<String, Integer> before = requestsPerAttack(model);

            Run resumed = CliTest.run("replay", "--suite", suite.toString(), "--config", config.toString(),
                    "--out", out.toString(), "--concurrency", "4", "--resume");

            assertThat(resumed.exit()).as(resumed.err()).isZero();
            List<ReplayResult> all = new ArrayList<>();
            ResultsFile.forEach(results, all::add);
            assertThat(all).extracting(ReplayResult::attackId).doesNotHaveDuplicates().hasSize(ATTACKS);
            assertThat(all).noneMatch(ReplayResult::failed);
            Map<String, Integer> after = requestsPerAttack(model);
            for (String done : finished) {
                assertThat(after.get(done)).as("requests for %s, finished before the kill", done).isEqualTo(before.get(done));
            }
            for (int i = 0; i < ATTACKS; i++) {
                assertThat(after.get("a" + i)).as("requests for a" + i).isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** SIGTERM (as Ctrl-C's SIGINT, through the shutdown hook): the items in flight finish and are written. */
    @Test
    void aTerminatedRunWritesTheItemsInFlightAndResumeFinishes() throws Exception {
        try (FakeOpenAiServer model = FakeOpenAiServer.start();
             FakePreferenceModelServer pm = FakePreferenceModelServer.minusLength()) {
            model.reply(r -> FakeOpenAiServer.success(r).after(300));
            Path config = config(model, pm);
            Path suite = suite();
            Path out = dir.resolve("out");
            Path results = out.resolve(ReplayRun.RESULTS);

            Process child = startAndAwaitResults(suite, config, out, 3);
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

            Set<String> written = new HashSet<>();
            ResultsFile.forEach(results, r -> written.add(r.attackId()));
            assertThat(Files.readString(results)).endsWith("\n");
            assertThat(written).as("every attack asked of the model was finished and written")
                    .isEqualTo(requestsPerAttack(model).keySet()).hasSizeLessThan(ATTACKS);
            Run resumed = CliTest.run("replay", "--suite", suite.toString(), "--config", config.toString(),
                    "--out", out.toString(), "--concurrency", "8", "--resume");
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(ChildCommand.lines(results)).isEqualTo(ATTACKS);
        }
    }

    private Path config(FakeOpenAiServer model, FakePreferenceModelServer pm) throws IOException {
        Path config = dir.resolve("campaign.yaml");
        Files.writeString(config, """
                name: killed
                preference_model: {kind: remote, url: "%s"}
                targets:
                  - {id: chat, model_type: rlhf, size: 8B, backend: {kind: openai-chat, base_url: "%s", model: m}}
                judges:
                  - {id: pm, kind: pm-threshold}
                """.formatted(pm.url(), model.baseUrl()));
        return config;
    }

    private Path suite() {
        Path suite = dir.resolve("suite.jsonl");
        SuiteFile.write(suite, IntStream.range(0, ATTACKS).mapToObj(i -> new Attack("a" + i,
                AttackSource.file("jsonl", "in.jsonl", i, null, null, Map.of()), "", List.of("attack " + i + " first",
                "attack " + i + " second"), List.of(), null, null, null)).iterator());
        return suite;
    }

    /** {@code replay} in a child JVM at concurrency 2, returned once {@code results} lines are written. */
    private Process startAndAwaitResults(Path suite, Path config, Path out, int results) throws Exception {
        return ChildCommand.startAndAwaitLines(dir.resolve("child.log"), out.resolve(ReplayRun.RESULTS), results, "replay",
                "--suite", suite.toString(), "--config", config.toString(), "--out", out.toString(), "--concurrency", "2");
    }

    /** Requests by attack: each human turn names its attack ("attack 7 second"). */
    private static Map<String, Integer> requestsPerAttack(FakeOpenAiServer model) {
        Map<String, Integer> counts = new HashMap<>();
        for (FakeOpenAiServer.Request r : model.requests()) {
            String[] words = r.input().split(" ");
            counts.merge("a" + words[1], 1, Integer::sum);
        }
        return counts;
    }
}
