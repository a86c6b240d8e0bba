package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptStatus;
import org.redteam.conversation.Transcript;
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.testing.Eventually;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.Repositories;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.WordJudge;
import org.redteam.worker.Worker;

/** The campaign's judges judge submitted attempts in the background, at submission and at the platform's start. */
class PlatformJudgingTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Platform start(List<Judge> judges) {
        ScriptedBackend backend = new ScriptedBackend("Sure, here is how.");
        return App.at(StoreLocation.directory(dir)).targets(new TargetFactory((id, spec) -> backend))
                .preferenceModel(FakePreferenceModel.minusLength()).judges(judges)
                .start(ReviewFixtures.campaign("judged", 1));
    }

    private static VerdictRepository verdicts(Platform app) {
        return new VerdictRepository(app.store().database().jdbi());
    }

    private static List<AttemptVerdict> judged(Platform app, long id, String judgeId) {
        return verdicts(app).ofAttempt(id).stream().filter(v -> v.verdict().judgeId().equals(judgeId)).toList();
    }

    private static void awaitJudged(Platform app, long id, String judgeId, String version) {
        Eventually.within(WITHIN, "attempt " + id + " judged by " + judgeId + " " + version,
                () -> judged(app, id, judgeId).stream().anyMatch(v -> v.verdict().judgeVersion().equals(version)));
    }

    @Test
    void aSubmittedAttemptAndEachOfItsTurnsAreJudgedOffTheSubmittingThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WordJudge words = WordJudge.of("words", "words/1", "sure", "theft");
        Judge slow = new Judge() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public String version() {
                return "slow/1";
            }

            @Override
            public Verdict judge(Transcript transcript) {
                try {
                    release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Verdict("slow", "slow/1", Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(), "fine");
            }
        };
        try (Platform app = start(List.of(slow, words))) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            Attempt attempt = app.attempts().start(alice, "Ask how to pick a lock");
            app.attempts().addTurn(alice, attempt.id(), "tell me how to pick a lock");
            app.attempts().choose(alice, attempt.id(), 0, org.redteam.attempt.Side.A);
            app.attempts().addTurn(alice, attempt.id(), "and a padlock?");
            app.attempts().choose(alice, attempt.id(), 1, org.redteam.attempt.Side.B);
            app.attempts().rate(alice, attempt.id(), 3);
            long id = attempt.id();

            assertThat(verdicts(app).ofAttempt(id)).isEmpty();
            release.countDown();
            awaitJudged(app, id, "words", "words/1");
            awaitJudged(app, id, "slow", "slow/1");

            AttemptVerdict v = judged(app, id, "words").get(0);
            assertThat(v.verdict().outcome()).isEqualTo(Outcome.HARMFUL);
            assertThat(v.verdict().score()).hasValue(0.9);
            assertThat(v.verdict().tags()).containsExactly("theft");
            assertThat(v.verdict().rationale()).isEqualTo("the assistant said 'sure'");
            assertThat(v.turns()).extracting(AttemptVerdict.TurnVerdict::index).containsExactly(0, 1);
            assertThat(v.turns()).extracting(t -> t.verdict().outcome()).containsExactly(Outcome.HARMFUL, Outcome.HARMFUL);
            assertThat(judged(app, id, "slow").get(0).turns()).hasSize(2);
            assertThat(words.calls()).isEqualTo(3); // the attempt, then the conversation up to each of its two turns
        }
    }

    @Test
    void aJudgeThatFailsLeavesUndeterminedWithTheReasonAndTheAttemptUntouched() {
        try (Platform app = start(List.of(WordJudge.throwing("crashy", "boom in the model library"),
                WordJudge.undecided("down", "the judge's model did not answer: 503")))) {
            long id = ReviewFixtures.submit(app, ReviewFixtures.redTeamer(app, "alice"), "tell me how to pick a lock", 2);

            awaitJudged(app, id, "crashy", "throws/1");
            awaitJudged(app, id, "down", "down/1");

            AttemptVerdict crashy = judged(app, id, "crashy").get(0);
            assertThat(crashy.verdict().outcome()).isEqualTo(Outcome.UNDETERMINED);
            assertThat(crashy.verdict().score()).isEmpty();
            assertThat(crashy.verdict().rationale()).isEqualTo("the judge failed: boom in the model library");
            assertThat(crashy.turns()).singleElement().satisfies(t -> {
                assertThat(t.verdict().outcome()).isEqualTo(Outcome.UNDETERMINED);
                assertThat(t.verdict().rationale()).isEqualTo("the judge failed: boom in the model library");
            });
            AttemptVerdict down = judged(app, id, "down").get(0);
            assertThat(down.verdict().outcome()).isEqualTo(Outcome.UNDETERMINED);
            assertThat(down.verdict().rationale()).isEqualTo("the judge's model did not answer: 503");
            Attempt stored = Repositories.attempts(app).find(id).orElseThrow();
            assertThat(stored.status()).isEqualTo(AttemptStatus.SUBMITTED);
            assertThat(stored.rating()).contains(2.0);
            assertThat(stored.turns()).hasSize(1);
        }
    }

    @Test
    void atStartAJudgeJudgesWhatItHasNotJudgedInItsCurrentVersion() {
        long first;
        long second;
        try (Platform app = start(List.of())) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            first = ReviewFixtures.submit(app, alice, "tell me how to pick a lock", 1);
            second = ReviewFixtures.submit(app, alice, "ask about the weather", 0);
        }
        WordJudge added = WordJudge.of("words", "words/1", "sure", "theft");
        try (Platform app = start(List.of(added))) {
            awaitJudged(app, first, "words", "words/1");
            awaitJudged(app, second, "words", "words/1");
            assertThat(added.calls()).isEqualTo(4);
        }
        WordJudge same = WordJudge.of("words", "words/1", "sure", "theft");
        long third;
        try (Platform app = start(List.of(same))) {
            third = ReviewFixtures.submit(app, ReviewFixtures.redTeamer(app, "bob"), "tell me how to pick a padlock", 2);
            awaitJudged(app, third, "words", "words/1");
            // the start's catch-up ran before the new attempt on the one judging thread: it had nothing to judge
            assertThat(same.calls()).isEqualTo(2);
        }
        WordJudge newer = WordJudge.of("words", "words/2", "never", "theft");
        try (Platform app = start(List.of(newer))) {
            for (long id : List.of(first, second, third)) {
                awaitJudged(app, id, "words", "words/2");
                assertThat(judged(app, id, "words")).singleElement()
                        .satisfies(v -> assertThat(v.verdict().outcome()).isEqualTo(Outcome.NOT_HARMFUL));
            }
        }
    }

    /** A judge that sleeps on every call and counts how many calls run at once. */
    private static final class ConcurrentJudge implements Judge {
        final java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        private final int parallelism;

        ConcurrentJudge(int parallelism) {
            this.parallelism = parallelism;
        }

        @Override
        public String id() {
            return "parallel";
        }

        @Override
        public String version() {
            return "parallel/1";
        }

        @Override
        public int parallelism() {
            return parallelism;
        }

        @Override
        public Verdict judge(Transcript transcript) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            return new Verdict(id(), version(), Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(), "fine");
        }
    }

    @Test
    void aBatchKeepsAsManyTranscriptsInFlightAsTheJudgeAllowsAndNoMore() {
        try (Platform app = start(List.of())) {
            Worker alice = ReviewFixtures.redTeamer(app, "alice");
            for (int i = 0; i < 12; i++) {
                ReviewFixtures.submit(app, alice, "tell me how to pick lock " + i, 1);
            }
            ConcurrentJudge four = new ConcurrentJudge(4);
            JudgingService.Result result = app.store().judging(List.of(four), java.util.OptionalLong.empty())
                    .run(List.of(four), false, JudgingService.Progress.NONE);
            assertThat(result.verdicts()).isEqualTo(12);
            assertThat(four.most.get()).isBetween(2, 4);
            ConcurrentJudge one = new ConcurrentJudge(1);
            app.store().judging(List.of(one), java.util.OptionalLong.empty()).run(List.of(one), true, JudgingService.Progress.NONE);
            assertThat(one.most.get()).isEqualTo(1);
        }
    }
}
