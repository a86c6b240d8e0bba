package org.redteam.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotSignedInException;
import org.redteam.problem.StateConflictException;
import org.redteam.storage.Database;
import org.redteam.storage.StoreLocation;

class WorkerServiceTest {
    @TempDir
    Path dir;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    WorkerService workers;

    @BeforeEach
    void open() {
        db = Database.open(StoreLocation.directory(dir));
        workers = new WorkerService(new WorkerRepository(db.jdbi()), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createsAWorkerWithSeveralRolesAndAWorkingToken() {
        WorkerService.NewWorker w = workers.add("Alice", Set.of(Role.RED_TEAMER, Role.REVIEWER), Optional.empty());
        assertThat(w.worker().roles()).containsExactlyInAnyOrder(Role.RED_TEAMER, Role.REVIEWER);
        assertThat(workers.byToken(w.token())).map(Worker::id).contains(w.worker().id());
        assertThat(workers.byToken(w.token() + "x")).isEmpty();
    }

    @Test
    void onlyAnAdminAddsWorkersOrIssuesInvitesForOthers() {
        Worker alice = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty()).worker();
        Worker root = workers.add("Root", Set.of(Role.ADMIN), Optional.empty()).worker();

        assertThatThrownBy(() -> workers.add(alice, "Mallory", Set.of(Role.ADMIN), Optional.empty()))
                .isInstanceOf(org.redteam.problem.AccessDeniedException.class);
        assertThatThrownBy(() -> workers.newInvite(alice, root.id()))
                .isInstanceOf(org.redteam.problem.AccessDeniedException.class);
        assertThat(workers.add(root, "Bob", Set.of(Role.REVIEWER), Optional.empty()).worker().name()).isEqualTo("Bob");
        assertThat(workers.newInvite(root, alice.id())).startsWith("inv_");
        assertThat(workers.listPlatformWorkers()).extracting(Worker::name).containsExactly("Alice", "Root", "Bob");
    }

    @Test
    void refusesANameWithANulCharacter() {
        assertThatThrownBy(() -> workers.add("Al\u0000ice", Set.of(Role.RED_TEAMER), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("name: contains a NUL character (U+0000), which cannot be stored; remove it");
        long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM worker").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void storesOnlyHashesOfSecrets() {
        WorkerService.NewWorker w = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty());
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT token_hash FROM api_token UNION ALL SELECT secret_hash FROM invite").mapTo(String.class).list());
        assertThat(stored).hasSize(2).allMatch(s -> s.matches("[0-9a-f]{64}"))
                .doesNotContain(w.token(), w.inviteSecret()).contains(Secrets.hash(w.token()));
    }

    @Test
    void anInviteSignsInOnceAndRecordsTheExternalId() {
        WorkerService.NewWorker w = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty());
        WorkerService.SignIn signIn = workers.signIn(w.inviteSecret(), Optional.of("PROLIFIC-123"), Optional.empty());
        assertThat(signIn.worker().externalId()).contains("PROLIFIC-123");
        assertThat(workers.bySession(signIn.sessionId())).map(s -> s.worker().id()).contains(w.worker().id());
        assertThatThrownBy(() -> workers.signIn(w.inviteSecret(), Optional.empty(), Optional.empty()))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("already used");
    }

    @Test
    void signingInEndsThePreviousSession() {
        WorkerService.NewWorker w = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty());
        WorkerService.SignIn first = workers.signIn(w.inviteSecret(), Optional.empty(), Optional.empty());
        WorkerService.SignIn second = workers.signIn(workers.newInvite(w.worker().id()), Optional.empty(),
                Optional.of(first.sessionId()));
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(workers.bySession(first.sessionId())).isEmpty();
        assertThat(workers.bySession(second.sessionId())).isPresent();
    }

    @Test
    void invitesAndSessionsExpire() {
        WorkerService.NewWorker w = workers.add("Alice", Set.of(Role.RED_TEAMER), Optional.empty());
        WorkerService.SignIn signIn = workers.signIn(w.inviteSecret(), Optional.empty(), Optional.empty());
        String unused = workers.newInvite(w.worker().id());
        clock.advance(WorkerService.INVITE_LENGTH.plusMinutes(1));
        assertThatThrownBy(() -> workers.signIn(unused, Optional.empty(), Optional.empty())).hasMessageContaining("expired");
        clock.advance(WorkerService.SESSION_LENGTH);
        assertThat(workers.bySession(signIn.sessionId())).isEmpty();
        assertThatThrownBy(() -> workers.inviteHolder("inv_nonsense")).isInstanceOf(NotSignedInException.class);
    }

    @Test
    void rejectsBadNamesRolesAndExternalIds() {
        assertThatThrownBy(() -> workers.add(" ", Set.of(Role.ADMIN), Optional.empty())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workers.add("a", Set.of(), Optional.empty())).hasMessageContaining("role");
        assertThatThrownBy(() -> workers.add("a", Set.of(Role.ADMIN), Optional.of("<script>"))).hasMessageContaining("external worker id");
        assertThatThrownBy(() -> Role.parse("boss")).hasMessageContaining("unknown role 'boss'");
    }

    @Test
    void createsTheFirstAdminOnlyOnce() {
        assertThat(workers.ensureFirstAdmin()).isPresent();
        assertThat(workers.ensureFirstAdmin()).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
