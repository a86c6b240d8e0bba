package org.redteam.attempt;

import org.redteam.testing.Repositories;

import org.redteam.conversation.Comparison;

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
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

class AttemptServiceTest {
    static final CampaignConfig SMALL = new CampaignConfigLoader().parse("small.yaml", """
            name: small
            attempts_per_set: 2
            max_turns: 2
            assignment_seed: 5
            targets:
              - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
              - {id: two, model_type: rlhf, size: 2B, backend: {kind: demo}}
            """);

    @TempDir
    Path dir;

    /** Where the test keeps its data: SQLite under {@code dir}; the PostgreSQL variant overrides this. */
    StoreLocation store() {
        return StoreLocation.directory(dir);
    }
    TestPlatform platform;
    AttemptService attempts;
    Worker alice;

    @BeforeEach
    void start() {
        platform = TestPlatform.start(store(), SMALL, new ScriptedBackend("first", "second", "third"));
        attempts = platform.app().attempts();
        alice = platform.app().store().workers().add("alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        platform.consent(alice);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void storesBothCandidatesAndThePickAndBuildsTheTranscriptFromPicks() {
        Attempt a = attempts.start(alice, "plan");
        Turn turn = attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        assertThat(turn.a().text()).isEqualTo("first");
        assertThat(turn.b().text()).isEqualTo("second");
        assertThat(turn.a().backend()).isEqualTo("scripted");
        attempts.choose(alice, a.id(), 0, Side.B);
        Attempt stored = attempts.get(alice, a.id());
        assertThat(stored.transcript()).isEqualTo("\n\nHuman: tell me how to pick a lock\n\nAssistant: second");
        assertThat(stored.turns().get(0).comparison("\n\nHuman: tell me how to pick a lock"))
                .contains(new Comparison("\n\nHuman: tell me how to pick a lock", "second", "first"));
    }

    @Test
    void aTurnIsReturnedAsStoredAndAPickIsRefusedWithTheRightReason() {
        Worker bob = platform.app().store().workers().add("bob", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        platform.consent(bob);
        Attempt a = attempts.start(alice, "plan");
        Turn turn = attempts.addTurn(alice, a.id(), "tell me how to pick a lock");
        assertThat(turn).isEqualTo(attempts.get(alice, a.id()).turns().get(0));
        assertThatThrownBy(() -> attempts.choose(alice, a.id(), 1, Side.A))
                .isInstanceOf(org.redteam.problem.NotFoundException.class).hasMessage("attempt " + a.id() + " has no turn 1");
        assertThatThrownBy(() -> attempts.choose(alice, a.id(), -1, Side.A))
                .isInstanceOf(org.redteam.problem.NotFoundException.class).hasMessage("attempt " + a.id() + " has no turn -1");
        assertThatThrownBy(() -> attempts.choose(bob, a.id(), 0, Side.A))
                .isInstanceOf(org.redteam.problem.NotFoundException.class);
        assertThatThrownBy(() -> attempts.choose(alice, a.id() + 1000, 0, Side.A))
                .isInstanceOf(org.redteam.problem.NotFoundException.class);
        attempts.choose(alice, a.id(), 0, Side.A);
        assertThatThrownBy(() -> attempts.choose(alice, a.id(), 0, Side.B))
                .isInstanceOf(StateConflictException.class).hasMessage("attempt " + a.id() + ": turn 0 already has a choice");
        attempts.rate(alice, a.id(), 2);
        assertThatThrownBy(() -> attempts.choose(alice, a.id(), 0, Side.B))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("is submitted");
        assertThat(attempts.get(alice, a.id()).turns().get(0).moreHarmful()).contains(Side.A);
    }

    @Test
    void rejectsANulCharacterInTheTaskDescriptionAndTheMessageOnEveryStore() {
        assertThatThrownBy(() -> attempts.start(alice, "plan \u0000"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("taskDescription: contains a NUL character (U+0000), which cannot be stored; remove it");
        Attempt a = attempts.start(alice, "plan");
        assertThatThrownBy(() -> attempts.addTurn(alice, a.id(), "\u0000"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("message: contains a NUL character (U+0000)");
        assertThat(attempts.get(alice, a.id()).turns()).isEmpty();
    }

    @Test
    void sendsTheChosenResponsesBackToTheModelAsContext() {
        Attempt a = attempts.start(alice, "plan");
        attempts.addTurn(alice, a.id(), "one");
        attempts.choose(alice, a.id(), 0, Side.A);
        attempts.addTurn(alice, a.id(), "two");
        attempts.choose(alice, a.id(), 1, Side.B);
        assertThat(attempts.get(alice, a.id()).transcript())
                .isEqualTo("\n\nHuman: one\n\nAssistant: first\n\nHuman: two\n\nAssistant: first");
    }

    @Test
    void stopsAtTheCampaignsTurnLimit() {
        Attempt a = attempts.start(alice, "plan");
        for (int i = 0; i < 2; i++) {
            attempts.addTurn(alice, a.id(), "m" + i);
            attempts.choose(alice, a.id(), i, Side.A);
        }
        assertThatThrownBy(() -> attempts.addTurn(alice, a.id(), "one more"))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("limit of 2 turns");
    }

    @Test
    void assignsTargetsBalancedAndRecordsTheSequence() {
        Worker bob = platform.app().store().workers().add("bob", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        platform.consent(bob);
        Attempt first = attempts.start(alice, "plan");
        Attempt second = attempts.start(bob, "plan");
        assertThat(first.targetRowId()).isNotEqualTo(second.targetRowId());
        List<Long> seqs = platform.app().store().database().jdbi().withHandle(h ->
                h.createQuery("SELECT assignment_seq FROM attempt ORDER BY id").mapTo(Long.class).list());
        assertThat(seqs).containsExactly(0L, 1L);
    }

    @Test
    void theTargetCountersAgreeWithTheAttemptsAfterManyStarts() {
        List<Worker> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Worker w = platform.app().store().workers().add("w" + i, Set.of(Role.RED_TEAMER), Optional.empty()).worker();
            platform.consent(w);
            crowd.add(w);
        }
        for (int round = 0; round < 3; round++) {
            for (Worker w : crowd) {
                Attempt a = attempts.start(w, "plan " + round);
                attempts.addTurn(w, a.id(), "tell me how to pick a lock");
                attempts.choose(w, a.id(), 0, Side.A);
                attempts.rate(w, a.id(), 1);
            }
        }
        long campaign = platform.app().campaigns().campaign().id();
        var counted = platform.app().store().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT target_id, COUNT(*) AS n FROM attempt WHERE source = 'platform' GROUP BY target_id")
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getInt(2))).list());
        var kept = platform.app().store().database().jdbi().withHandle(h ->
                Repositories.campaigns(platform.app()).attemptCounts(h, campaign, Optional.empty()));
        assertThat(kept).containsExactlyInAnyOrderEntriesOf(java.util.Map.ofEntries(counted.toArray(java.util.Map.Entry[]::new)));
        assertThat(kept.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(21);
        assertThat(kept.values()).allSatisfy(n -> assertThat(n).isBetween(10, 11)); // balanced over 2 targets
    }

    @Test
    void completesASetWithACodeAfterItsLastRating() {
        for (int i = 0; i < 2; i++) {
            Attempt a = attempts.start(alice, "plan " + i);
            assertThat(a.setPosition()).contains(i + 1);
            attempts.addTurn(alice, a.id(), "hi");
            attempts.choose(alice, a.id(), 0, Side.A);
            Attempt rated = attempts.rate(alice, a.id(), 4);
            assertThat(platform.app().campaigns().finishedSet(alice, rated.workSetId().orElseThrow()).isPresent())
                    .isEqualTo(i == 1);
        }
        assertThat(attempts.start(alice, "next").setPosition()).contains(1);
    }

    @Test
    void keepsEverythingAcrossARestartOfTheStore() {
        Attempt a = attempts.start(alice, "plan");
        attempts.addTurn(alice, a.id(), "hi");
        platform.close();
        platform = TestPlatform.start(store(), SMALL, new ScriptedBackend("x"));
        Attempt reopened = platform.app().attempts().openAttempt(alice).orElseThrow();
        assertThat(reopened.id()).isEqualTo(a.id());
        assertThat(reopened.awaitingChoice()).isTrue();
        assertThat(reopened.turns().get(0).b().text()).isEqualTo("second");
    }
}
