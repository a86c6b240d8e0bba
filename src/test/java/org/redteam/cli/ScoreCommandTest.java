package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.cli.CliTest.Run;
import org.redteam.testing.FakePreferenceModelServer;
import org.redteam.testing.FakeHttpServer.Reply;
import org.redteam.testing.ReleasedRecords;

/** {@code redteam score} through the real command line, against a fake remote model on a free port. */
class ScoreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCORED = ReleasedRecords.record("\n\nHuman: hi\n\nAssistant: Hello.", "Say hello", -1.25, 0.5);

    @TempDir
    Path dir;
    private final FakePreferenceModelServer server = FakePreferenceModelServer.minusLength();

    @AfterEach
    void stop() {
        server.close();
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void importRecords(String... lines) {
        Path in = ReleasedRecords.write(dir.resolve("in.jsonl"), List.of(lines));
        assertThat(run("import", in.toString(), "--data", data()).exit()).isZero();
    }

    private List<JsonNode> export() throws Exception {
        Path out = dir.resolve("out.jsonl");
        assertThat(run("export", "--format", "jsonl", "--out", out.toString(), "--data", data()).exit()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    @Test
    void scoresWhatLacksScoresKeepsImportedOnesAndSaysWithWhichModel() throws Exception {
        importRecords(SCORED, ReleasedRecords.unscored("No way."), ReleasedRecords.unscored("Certainly not."));

        Run first = run("score", "--data", data(), "--model", server.url().toString());
        Run again = run("score", "--data", data(), "--model", server.url().toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("scored 2 attempts with remote " + server.url() + "\n");
        assertThat(first.err()).contains("score 100%").contains("2/2");
        assertThat(again.out()).isEqualTo("scored 0 attempts with remote " + server.url() + "\n");
        List<JsonNode> records = export();
        assertThat(records).extracting(r -> r.get("min_harmlessness_score_transcript").asDouble())
                .containsExactly(-1.25, -7.0, -14.0);
        assertThat(records).extracting(r -> r.get("task_descripton_harmlessness_score").asDouble())
                .containsExactly(0.5, -17.0, -17.0);
    }

    @Test
    void scoringAllReplacesImportedScores() throws Exception {
        importRecords(SCORED, ReleasedRecords.unscored("No way."));

        Run all = run("score", "--all", "--data", data(), "--model", server.url().toString());

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo("scored 2 attempts with remote " + server.url() + "\n");
        assertThat(export()).extracting(r -> r.get("min_harmlessness_score_transcript").asDouble())
                .containsExactly(-6.0, -7.0);
    }

    @Test
    void aFailingModelExitsWithUnavailableAndKeepsNothingHalfDone() throws Exception {
        importRecords(ReleasedRecords.unscored("No way."));
        server.reply(r -> new Reply(503, "{\"error\": \"warming up\"}", 0));

        Run r = run("score", "--data", data(), "--model", server.url().toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(r.err()).contains("error: preference model at " + server.url()
                + " answered HTTP 503: {\"error\": \"warming up\"}");
        assertThat(r.out()).isEmpty();
        assertThat(export().get(0).get("min_harmlessness_score_transcript").isNull()).isTrue();
    }

    @Test
    void aMissingModelFileIsBadInput() {
        Path missing = dir.resolve("nope.pm");
        StoreCommandsTest.emptyStore(Path.of(data()));

        Run r = run("score", "--data", data(), "--model", missing.toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: preference model file " + missing + ": no such file\n");
    }

    @Test
    void helpExplainsWhatIsScoredAndWhatAllDoes() {
        Run help = run("score", "--help");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("--model", "--all", "min_harmlessness",
                "task_description_harmlessness", "imported scores are kept", "the next run goes on with what is left");
    }
}
