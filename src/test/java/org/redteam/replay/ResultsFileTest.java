package org.redteam.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.conversation.Message;

/** {@link ResultsFile}: one writer for many threads, whole lines only, a torn last line dropped on recovery. */
class ResultsFileTest {
    @TempDir
    Path dir;

    private static ReplayResult result(String attack, String target) {
        Attack a = new Attack(attack, AttackSource.file("jsonl", "in.jsonl", 0, null, null, Map.of()), "",
                List.of("tell me how to pick a lock"), List.of(), null, null, null);
        return new ReplayResult("v1", attack, target, List.of(Message.human("tell me how to pick a lock"),
                Message.assistant("no")), -1.0, List.of(), Optional.empty(), null, 3, ReplayResult.AttackFacts.of(a));
    }

    @Test
    void linesFromManyThreadsAreEachWrittenWholeAndSyncedByClose() throws Exception {
        Path path = dir.resolve("results.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ResultsFile out = ResultsFile.append(path)) {
            for (int i = 0; i < 400; i++) {
                int n = i;
                pool.execute(() -> out.write(result("a" + n, n % 2 == 0 ? "t1" : "t2")));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<ReplayResult> read = new ArrayList<>();
        ResultsFile.forEach(path, read::add);
        assertThat(read).hasSize(400).extracting(ReplayResult::attackId).doesNotHaveDuplicates();
        assertThat(read.get(0)).isEqualTo(result(read.get(0).attackId(), read.get(0).targetId()));
    }

    @Test
    void recoverTruncatesATornLastLineAndNamesWhatIsDone() throws Exception {
        Path path = dir.resolve("results.jsonl");
        try (ResultsFile out = ResultsFile.append(path)) {
            out.write(result("a1", "t1"));
            out.write(result("a2", "t2"));
        }
        String whole = Files.readString(path);
        String torn = ReplayResults.line(result("a3", "t1"));
        Files.writeString(path, torn.substring(0, 25), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ResultsFile.Done done = ResultsFile.recover(path);

        assertThat(Files.readString(path)).isEqualTo(whole);
        assertThat(done.tornDropped()).isTrue();
        assertThat(done.size()).isEqualTo(2);
        assertThat(done.contains("a1", "t1")).isTrue();
        assertThat(done.contains("a1", "t2")).isFalse();
        assertThat(done.targets()).containsExactlyInAnyOrder("t1", "t2");
        assertThat(done.suites()).containsExactly("v1");
        assertThat(ResultsFile.recover(path).tornDropped()).isFalse();
        assertThat(ResultsFile.recover(dir.resolve("absent.jsonl")).size()).isZero();
    }
}
