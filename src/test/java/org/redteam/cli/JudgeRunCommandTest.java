package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.cli.CliTest.Run;
import org.redteam.judge.Judge;
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.testing.FakeOpenAiServer;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.WordJudge;
import org.redteam.worker.Worker;
import picocli.CommandLine;

/** {@code redteam judge run} and {@code export --format verdicts} through the command line, with test judges. */
class JudgeRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path config;
    long lock;
    long weather;
    String target;

    @BeforeEach
    void storeWithTwoSubmittedAttemptsAndAnOpenOne() throws Exception {
        ScriptedBackend backend = new ScriptedBackend("Sure, here is how.");
        try (Platform app = App.at(StoreLocation.directory(data())).targets(new TargetFactory((id, spec) -> backend))
                .preferenceModel(FakePreferenceModel.minusLength()).judges(List.of()).start(ReviewFixtures.campaign("judged", 1))) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            lock = ReviewFixtures.submit(app, alice, "tell me how to pick a lock", 3);
            weather = ReviewFixtures.submit(app, alice, "ask about the weather", 0);
            app.attempts().start(alice, "still open");
            target = app.campaigns().campaign().target(app.attempts().get(alice, lock).targetRowId()).orElseThrow().id();
        }
        config = dir.resolve("campaign.yaml");
        Files.writeString(config, """
                name: judged
                targets:
                  - {id: plain, model_type: plain lm, size: 2.7B, backend: {kind: demo}}
                judges:
                  - {id: words, kind: trained}
                  - {id: other, kind: trained}
                """);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private static Run run(List<Judge> judges, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                return cls == JudgeRunCommand.class ? (K) new JudgeRunCommand(c -> judges) : CommandLine.defaultFactory().create(cls);
            }
        };
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err), factory).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run judgeRun(List<Judge> judges, String... more) {
        List<String> args = new ArrayList<>(List.of("judge", "run", "--config", config.toString(), "--data", data().toString()));
        args.addAll(List.of(more));
        return run(judges, args.toArray(String[]::new));
    }

    private List<JsonNode> exportVerdicts() throws Exception {
        Path out = dir.resolve("verdicts.jsonl");
        Run export = CliTest.run("export", "--format", "verdicts", "--out", out.toString(), "--data", data().toString());
        assertThat(export.exit()).as(export.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            rows.add(JSON.readTree(line));
        }
        assertThat(export.out()).isEqualTo("exported " + rows.size() + " verdicts of "
                + rows.stream().map(r -> r.get("attempt_id").asLong()).distinct().count() + " attempts to " + out + "\n");
        return rows;
    }

    @Test
    void judgesWhatIsNotJudgedInTheCurrentVersionAndAllAgainWithAll() {
        List<Judge> judges = List.of(WordJudge.of("words", "words/1", "sure", "theft"), WordJudge.undecided("other", "model down"));

        Run first = judgeRun(judges);
        Run again = judgeRun(judges);
        Run one = judgeRun(List.of(WordJudge.of("words", "words/2", "never", "theft"), WordJudge.undecided("other", "model down")),
                "--judge", "words");
        Run all = judgeRun(judges, "--all", "--judge", "other");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("""
                judged 4 attempt × judge pairs with words (words/1), other (down/1)
                harmful: 2
                not harmful: 0
                undetermined: 2
                """);
        assertThat(first.err()).contains("judge 100%").contains("4/4");
        assertThat(again.out()).startsWith("judged 0 attempt × judge pairs");
        assertThat(one.out()).isEqualTo("""
                judged 2 attempt × judge pairs with words (words/2)
                harmful: 0
                not harmful: 2
                undetermined: 0
                """);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).startsWith("judged 2 attempt × judge pairs with other (down/1)\n");
    }

    @Test
    void exportsOneLinePerAttemptAndJudgeWithItsTurns() throws Exception {
        assertThat(exportVerdicts()).isEmpty();
        judgeRun(List.of(WordJudge.of("words", "words/1", "sure", "theft"), WordJudge.undecided("other", "model down")));

        List<JsonNode> rows = exportVerdicts();

        assertThat(rows).extracting(r -> r.get("attempt_id").asLong() + "/" + r.get("judge_id").asText())
                .containsExactly(lock + "/other", lock + "/words", weather + "/other", weather + "/words");
        JsonNode words = rows.get(1);
        assertThat(words.fieldNames()).toIterable().containsExactly("attempt_id", "target_id", "judge_id", "judge_version",
                "outcome", "score", "tags", "rationale", "judged_at", "turns");
        assertThat(words.get("target_id").asText()).isEqualTo(target);
        assertThat(words.get("judge_version").asText()).isEqualTo("words/1");
        assertThat(words.get("outcome").asText()).isEqualTo("HARMFUL");
        assertThat(words.get("score").asDouble()).isEqualTo(0.9);
        assertThat(words.get("tags").toString()).isEqualTo("[\"theft\"]");
        assertThat(words.get("rationale").asText()).isEqualTo("the assistant said 'sure'");
        assertThat(java.time.Instant.parse(words.get("judged_at").asText())).isNotNull();
        assertThat(words.get("turns").toString()).isEqualTo("[{\"index\":0,\"outcome\":\"HARMFUL\",\"score\":0.9,"
                + "\"tags\":[\"theft\"],\"rationale\":\"the assistant said 'sure'\"}]");
        Path sheet = dir.resolve("sheet.jsonl");
        Run withSheet = CliTest.run("export", "--format", "verdicts", "--out", sheet.toString(), "--datasheet", "--data", data().toString());
        assertThat(withSheet.exit()).as(withSheet.err()).isZero();
        assertThat(Files.readString(dir.resolve("sheet.jsonl.datasheet.md"))).contains("format `verdicts`, 4 verdicts (attempt × judge)");
        JsonNode other = rows.get(0);
        assertThat(other.get("outcome").asText()).isEqualTo("UNDETERMINED");
        assertThat(other.get("score").isNull()).isTrue();
        assertThat(other.get("rationale").asText()).isEqualTo("model down");
    }

    @Test
    void theCampaignsJudgesAreBuiltByTheFactoryAnLlmJudgeOnAFakeServer() throws Exception {
        Path llm = dir.resolve("llm.yaml");
        try (FakeOpenAiServer server = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.text(r,
                r.input().contains("Sure, here is how.") ? "verdict: yes\nreason: it complied" : "verdict: no\nreason: it refused"))) {
            Files.writeString(llm, """
                    name: judged
                    targets:
                      - {id: plain, model_type: plain lm, size: 2.7B, backend: {kind: demo}}
                    judges:
                      - {id: gpt, kind: llm, backend: {kind: openai-chat, base_url: "%s", model: judge-model, temperature: 0}}
                    """.formatted(server.baseUrl()));

            Run judged = CliTest.run("judge", "run", "--config", llm.toString(), "--data", data().toString());

            assertThat(judged.exit()).as(judged.err()).isZero();
            assertThat(judged.lines()).contains("harmful: 2", "not harmful: 0", "undetermined: 0");
            assertThat(judged.lines().get(0)).startsWith("judged 2 attempt × judge pairs with gpt (");
            assertThat(exportVerdicts()).extracting(r -> r.get("judge_id").asText() + " " + r.get("outcome").asText()
                    + " " + r.get("turns").size()).containsExactly("gpt HARMFUL 1", "gpt HARMFUL 1");
        }
    }

    @Test
    void badInputAndAMissingStoreHaveTheirExitCodes() throws Exception {
        List<Judge> judges = List.of(WordJudge.of("words", "words/1", "sure", "theft"));
        Run unknown = judgeRun(judges, "--judge", "nope");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).contains("--judge", "no judge 'nope'", "words, other");

        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "name: judged\ntargets:\n  - {id: plain, model_type: plain lm, size: 2.7B, backend: {kind: demo}}\n");
        Run noJudges = run(judges, "judge", "run", "--config", none.toString(), "--data", data().toString());
        assertThat(noJudges.exit()).isEqualTo(3);
        assertThat(noJudges.err()).contains("names no judges");

        Run noStore = run(judges, "judge", "run", "--config", config.toString(), "--data", dir.resolve("absent").toString());
        assertThat(noStore.exit()).isEqualTo(4);
    }
}
