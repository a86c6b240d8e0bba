package org.redteam.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.redteam.backend.ModelBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.conversation.Comparison;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.MutableClock;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** Undoing a pick: within 10 s, before the next message, before the rating; cleared everywhere it counts. */
class PickUndoTest {
    @TempDir
    Path dir;

    /** SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestPlatform platform;
    /** When set, the model call waits for it (after counting down {@link #entered}): a send in flight. */
    volatile CountDownLatch hold;
    final CountDownLatch entered = new CountDownLatch(1);
    AttemptService attempts;
    Worker alice;

    @BeforeEach
    void start() {
        ScriptedBackend script = new ScriptedBackend("first", "second", "third", "fourth");
        ModelBackend backend = request -> {
            CountDownLatch gate = hold;
            if (gate != null) {
                entered.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return script.complete(request);
        };
        platform = TestPlatform.start(store(), AttemptServiceTest.SMALL, new TargetFactory((id, spec) -> backend),
                FakePreferenceModel.minusLength(), clock);
        attempts = platform.app().attempts();
        alice = platform.app().store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        platform.consent(alice);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void withinTenSecondsThePickIsGoneFromTheTurnTheTranscriptAndTheComparisonsAndCanBeMadeAgain() {
        Attempt a = attempts.start(alice, "get lock picking steps");
        attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        attempts.choose(alice, a.id(), 0, Side.B);
        assertThat(Repositories.attempts(platform.app()).comparisons()).hasSize(1);
        assertThat(attempts.undoablePick(attempts.get(alice, a.id()))).contains(0);

        clock.advance(Duration.ofSeconds(10));
        attempts.undoChoice(alice, a.id(), 0);

        Attempt undone = attempts.get(alice, a.id());
        assertThat(undone.awaitingChoice()).isTrue();
        assertThat(undone.turns().get(0).moreHarmful()).isEmpty();
        assertThat(undone.transcript()).doesNotContain("Assistant");
        assertThat(Repositories.attempts(platform.app()).comparisons()).isEmpty();
        assertThat(attempts.undoablePick(undone)).isEmpty();
        Long chosenAt = Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(
                "SELECT chosen_at FROM turn WHERE attempt_id = :a").bind("a", a.id()).mapTo(Long.class).one());
        assertThat(chosenAt).isNull();

        attempts.choose(alice, a.id(), 0, Side.A);
        assertThat(Repositories.attempts(platform.app()).comparisons()).extracting(Comparison::moreHarmful).containsExactly("first");
    }

    @Test
    void afterTenSecondsANewerMessageOrTheRatingTheUndoIsRefusedWithTheReason() {
        Attempt a = attempts.start(alice, "get lock picking steps");
        attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        attempts.choose(alice, a.id(), 0, Side.A);
        clock.advance(Duration.ofMillis(10_001));
        assertThat(attempts.undoablePick(attempts.get(alice, a.id()))).isEmpty();
        assertThatThrownBy(() -> attempts.undoChoice(alice, a.id(), 0)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("within 10 seconds").hasMessageContaining("message 1");

        attempts.addTurn(alice, a.id(), "and a padlock?");
        attempts.choose(alice, a.id(), 1, Side.B);
        assertThatThrownBy(() -> attempts.undoChoice(alice, a.id(), 0)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("a newer message was sent");

        attempts.rate(alice, a.id(), 2);
        assertThatThrownBy(() -> attempts.undoChoice(alice, a.id(), 1)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("already rated");
        assertThat(attempts.get(alice, a.id()).turns()).allSatisfy(t -> assertThat(t.moreHarmful()).isPresent());
        assertThat(Repositories.attempts(platform.app()).comparisons()).hasSize(2);
    }

    @Test
    void aMessageInFlightWhenThePickBeforeItIsUndoneIsNotStoredAndTheRatingWaitsForANewPick() throws Exception {
        Attempt a = attempts.start(alice, "get lock picking steps");
        attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        attempts.choose(alice, a.id(), 0, Side.A);
        hold = new CountDownLatch(1);
        CompletableFuture<Turn> sent = CompletableFuture.supplyAsync(() -> attempts.addTurn(alice, a.id(), "and a padlock?"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        attempts.undoChoice(alice, a.id(), 0);
        attempts.choose(alice, a.id(), 0, Side.B);
        hold.countDown();
        assertThat(sent).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(StateConflictException.class).withMessageContaining("pick before this message was changed");
        hold = null;
        assertThat(attempts.get(alice, a.id()).turns()).hasSize(1);
        assertThat(attempts.get(alice, a.id()).transcript()).endsWith("Assistant: second");
    }

    @Test
    void onlyTheOwnerUndoesAndOnlyAPickThatExists() {
        Worker bob = platform.app().store().workers().add("bob", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        Attempt a = attempts.start(alice, "get lock picking steps");
        attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        assertThatThrownBy(() -> attempts.undoChoice(alice, a.id(), 0)).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("no pick to undo");
        assertThatThrownBy(() -> attempts.undoChoice(alice, a.id(), 3)).isInstanceOf(NotFoundException.class);
        attempts.choose(alice, a.id(), 0, Side.A);
        assertThatThrownBy(() -> attempts.undoChoice(bob, a.id(), 0)).isInstanceOf(NotFoundException.class);
        assertThat(attempts.get(alice, a.id()).turns().get(0).moreHarmful()).contains(Side.A);
    }
}
