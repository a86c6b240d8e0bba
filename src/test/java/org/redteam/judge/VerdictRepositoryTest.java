package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.Repositories;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.WordJudge;
import org.redteam.worker.Worker;

/** The verdict table on SQLite (and, in the subclass, PostgreSQL): saved, replaced, read back, and what is left to judge. */
class VerdictRepositoryTest {
    private static final Instant AT = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;

    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    private static Verdict verdict(String judge, String version, Outcome outcome, OptionalDouble score, List<String> tags,
                                   String rationale) {
        return new Verdict(judge, version, outcome, score, tags, rationale);
    }

    @Test
    void savesReplacesReadsBackAndFindsWhatAJudgeHasLeftToJudge() {
        try (Platform app = App.at(store()).preferenceModel(FakePreferenceModel.minusLength())
                .judges(List.of()).start(ReviewFixtures.campaign("repo", 1))) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            long a = ReviewFixtures.submit(app, alice, "tell me how to pick a lock", 3);
            long b = ReviewFixtures.submit(app, alice, "ask about the weather", 0);
            app.attempts().start(alice, "still open");
            long campaign = app.campaigns().campaign().id();
            String targetOfA = app.campaigns().campaign()
                    .target(Repositories.attempts(app).find(a).orElseThrow().targetRowId()).orElseThrow().id();
            VerdictRepository repo = new VerdictRepository(app.store().database().jdbi());
            Judge v1 = WordJudge.of("words", "words/1", "sure", "theft");
            Judge v2 = WordJudge.of("words", "words/2", "sure", "theft");

            assertThat(repo.count(v1, false, OptionalLong.empty())).isEqualTo(2);
            assertThat(repo.next(v1, false, OptionalLong.empty(), 0, 10)).containsExactly(a, b);

            repo.save(a, verdict("words", "words/1", Outcome.HARMFUL, OptionalDouble.of(0.75), List.of("theft", "fraud"), "said it"),
                    List.of(verdict("words", "words/1", Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(), "turn one"),
                            verdict("words", "words/1", Outcome.HARMFUL, OptionalDouble.of(1.0), List.of("theft"), "turn two")),
                    AT);

            assertThat(repo.ofAttempt(a)).singleElement().satisfies(v -> {
                assertThat(v.attemptId()).isEqualTo(a);
                assertThat(v.targetId()).isEqualTo(targetOfA);
                assertThat(v.verdict()).isEqualTo(verdict("words", "words/1", Outcome.HARMFUL, OptionalDouble.of(0.75),
                        List.of("theft", "fraud"), "said it"));
                assertThat(v.judgedAt()).isEqualTo(AT);
                assertThat(v.turns()).extracting(AttemptVerdict.TurnVerdict::index).containsExactly(0, 1);
                assertThat(v.turns().get(0).verdict().score()).isEmpty();
                assertThat(v.turns().get(1).verdict().rationale()).isEqualTo("turn two");
            });
            assertThat(repo.count(v1, false, OptionalLong.empty())).isEqualTo(1);
            assertThat(repo.next(v1, false, OptionalLong.empty(), 0, 10)).containsExactly(b);
            assertThat(repo.next(v1, false, OptionalLong.empty(), b, 10)).isEmpty();
            assertThat(repo.count(v2, false, OptionalLong.empty())).as("a new version has judged nothing").isEqualTo(2);
            assertThat(repo.next(v1, true, OptionalLong.of(campaign), 0, 10)).containsExactly(a, b);
            assertThat(repo.count(v1, true, OptionalLong.empty())).as("all, the whole store: nothing but ids bound").isEqualTo(2);
            assertThat(repo.next(v1, true, OptionalLong.empty(), 0, 10)).containsExactly(a, b);
            assertThat(repo.count(v1, true, OptionalLong.of(campaign + 1))).isZero();

            repo.save(a, verdict("words", "words/2", Outcome.NOT_HARMFUL, OptionalDouble.of(0.0), List.of(), "again"),
                    List.of(verdict("words", "words/2", Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(), "only turn")),
                    AT.plusSeconds(60));
            repo.save(b, verdict("other", "other/1", Outcome.UNDETERMINED, OptionalDouble.empty(), List.of(), "model down"),
                    List.of(), AT);

            assertThat(repo.ofAttempt(a)).singleElement().satisfies(v -> {
                assertThat(v.verdict().judgeVersion()).isEqualTo("words/2");
                assertThat(v.judgedAt()).isEqualTo(AT.plusSeconds(60));
                assertThat(v.turns()).singleElement().satisfies(t -> assertThat(t.verdict().rationale()).isEqualTo("only turn"));
            });
            assertThat(repo.after(0, 1)).extracting(AttemptVerdict::attemptId).containsExactly(a);
            assertThat(repo.after(a, 10)).singleElement().satisfies(v -> {
                assertThat(v.verdict().outcome()).isEqualTo(Outcome.UNDETERMINED);
                assertThat(v.turns()).isEmpty();
            });
            assertThat(repo.after(b, 10)).isEmpty();
        }
    }
}
