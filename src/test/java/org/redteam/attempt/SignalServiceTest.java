package org.redteam.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/** The red teamers' own signals: who may set them, when, and what is stored (the migration V13 on this store). */
class SignalServiceTest {
    @TempDir
    Path dir;

    /** SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    TestPlatform platform;
    AttemptService attempts;
    SignalService signals;
    Worker alice;
    Worker bob;
    Worker ada;

    @BeforeEach
    void start() {
        platform = TestPlatform.start(store(), AttemptServiceTest.SMALL.withExpertiseAreas(List.of("chemistry")),
                new ScriptedBackend("first", "second"));
        attempts = platform.app().attempts();
        signals = platform.app().signals();
        alice = platform.app().store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        bob = platform.app().store().workers().add("bob", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        ada = platform.app().store().workers().add("ada", Set.of(Role.ADMIN), Optional.empty()).worker();
        platform.consent(alice);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Attempt picked() {
        Attempt a = attempts.start(alice, "plan");
        attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        attempts.choose(alice, a.id(), 0, Side.B);
        return a;
    }

    @Test
    void storesAFlagWithItsStrippedReasonAndReplacesItOnASecondFlag() {
        Attempt a = picked();
        assertThat(signals.flag(alice, a.id(), 0, "  gave steps  ")).isEqualTo(new TurnFlag(0, "gave steps"));
        signals.flag(alice, a.id(), 0, null);

        assertThat(signals.of(alice, a.id()).flags()).containsExactly(new TurnFlag(0, ""));
        assertThat(signals.of(ada, a.id()).flags()).containsExactly(new TurnFlag(0, ""));
        assertThat(signals.areas()).containsExactly("chemistry");
    }

    @Test
    void refusesAFlagBeforeThePickOnAMissingTurnTooLongOrByAnotherWorker() {
        Attempt a = attempts.start(alice, "plan");
        attempts.addTurn(alice, a.id(), "hello");
        assertThatThrownBy(() -> signals.flag(alice, a.id(), 0, "")).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("pick a response of turn 0");
        attempts.choose(alice, a.id(), 0, Side.A);
        assertThatThrownBy(() -> signals.flag(alice, a.id(), 1, "")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> signals.flag(alice, a.id(), 0, "x".repeat(SignalService.MAX_REASON + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 280");
        assertThatThrownBy(() -> signals.flag(bob, a.id(), 0, "")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> signals.of(bob, a.id())).isInstanceOf(NotFoundException.class);
        assertThat(signals.of(alice, a.id())).isEqualTo(Signals.NONE);
    }

    @Test
    void takesBackAFlagAndSaysWhenThereIsNone() {
        Attempt a = picked();
        signals.flag(alice, a.id(), 0, "rude");
        signals.unflag(alice, a.id(), 0);
        assertThat(signals.of(alice, a.id()).flags()).isEmpty();
        assertThatThrownBy(() -> signals.unflag(alice, a.id(), 0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void storesReplacesAndClearsTheExpertiseAnswer() {
        Attempt a = picked();
        signals.expertise(alice, a.id(), Optional.of(true), "organic chemistry");
        assertThat(signals.of(alice, a.id()).expertise()).contains(new Expertise(true, Optional.of("organic chemistry")));
        signals.expertise(alice, a.id(), Optional.of(false), " ");
        assertThat(signals.of(alice, a.id()).expertise()).contains(new Expertise(false, Optional.empty()));
        signals.expertise(alice, a.id(), Optional.empty(), null);
        assertThat(signals.of(alice, a.id()).expertise()).isEmpty();

        assertThatThrownBy(() -> signals.expertise(alice, a.id(), Optional.of(false), "chemistry"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only when the attack needed expertise");
        assertThatThrownBy(() -> signals.expertise(alice, a.id(), Optional.of(true), "x".repeat(101)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void nothingChangesAfterTheRatingAndSubmittingNeverNeedsASignal() {
        Attempt a = picked();
        attempts.rate(alice, a.id(), 2);

        assertThatThrownBy(() -> signals.flag(alice, a.id(), 0, "")).isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> signals.expertise(alice, a.id(), Optional.of(true), "")).isInstanceOf(StateConflictException.class);
        assertThat(signals.of(alice, a.id())).isEqualTo(Signals.NONE);
    }
}
