package org.redteam.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.RedteamException;
import org.redteam.storage.Database;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.MutableClock;

/** Taking access away ends tokens, sessions and invites at once and keeps the worker; tokens may expire. */
class WorkerAccessTest {
    @TempDir
    Path dir;
    Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    WorkerService workers;
    WorkerAccess access;

    @BeforeEach
    void open() {
        db = Database.open(StoreLocation.directory(dir));
        WorkerRepository repository = new WorkerRepository(db.jdbi());
        workers = new WorkerService(repository, clock);
        access = new WorkerAccess(repository, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void deactivatingEndsTokensSessionsAndUnusedInvitesAtOnceAndKeepsTheWorker() {
        WorkerService.NewWorker alice = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty());
        WorkerService.SignIn session = workers.signIn(alice.inviteSecret(), Optional.empty(), Optional.empty());
        String spareInvite = workers.newInvite(alice.worker().id());
        assertThat(workers.byToken(alice.token())).isPresent();
        assertThat(workers.bySession(session.sessionId())).isPresent();

        access.deactivate(alice.worker().id());

        assertThat(workers.byToken(alice.token())).isEmpty();
        assertThat(workers.bySession(session.sessionId())).isEmpty();
        assertThatThrownBy(() -> workers.signIn(spareInvite, Optional.empty(), Optional.empty()))
                .isInstanceOf(RedteamException.class);
        assertThat(workers.listPlatformWorkers()).extracting(Worker::name).containsExactly("Alice");
        assertThat(access.deactivated()).containsExactly(alice.worker().id());

        access.activate(alice.worker().id());
        assertThat(workers.byToken(alice.token())).as("old tokens stay ended").isEmpty();
        String fresh = access.newToken(alice.worker().id(), Optional.empty());
        assertThat(workers.byToken(fresh)).map(Worker::id).contains(alice.worker().id());
        assertThat(workers.signIn(workers.newInvite(alice.worker().id()), Optional.empty(), Optional.empty()).worker().name())
                .isEqualTo("Alice");
        assertThat(access.deactivated()).isEmpty();
    }

    @Test
    void aTokenWithALifetimeStopsWorkingWhenItEnds() {
        WorkerService.NewWorker bob = workers.add("Bob", Set.of(Role.REVIEWER), Optional.empty(), Optional.of(Duration.ofDays(2)));
        String longer = access.newToken(bob.worker().id(), Optional.of(5));

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertThat(workers.byToken(bob.token())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(workers.byToken(bob.token())).isEmpty();
        assertThat(workers.byToken(longer)).isPresent();
        assertThatThrownBy(() -> access.newToken(bob.worker().id(), Optional.of(0))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--expires-days");
    }

    @Test
    void revokingTokensAndOlderInvitesAndChangingRoles() {
        WorkerService.NewWorker carol = workers.add("Carol", Set.of(Role.RED_TEAMER), Optional.empty());
        String second = access.newToken(carol.worker().id(), Optional.empty());

        assertThat(access.revokeTokens(carol.worker().id())).isEqualTo(2);
        assertThat(workers.byToken(carol.token())).isEmpty();
        assertThat(workers.byToken(second)).isEmpty();
        assertThat(access.revokeInvites(carol.worker().id())).isEqualTo(1);
        assertThatThrownBy(() -> workers.signIn(carol.inviteSecret(), Optional.empty(), Optional.empty()))
                .isInstanceOf(RedteamException.class).hasMessageContaining("expired");

        assertThat(access.setRoles(carol.worker().id(), Set.of(Role.REVIEWER, Role.ADMIN)).roles())
                .containsExactlyInAnyOrder(Role.REVIEWER, Role.ADMIN);
        assertThatThrownBy(() -> access.setRoles(carol.worker().id(), Set.of())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> access.deactivate(999)).isInstanceOf(NotFoundException.class);
    }
}
