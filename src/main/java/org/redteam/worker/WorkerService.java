package org.redteam.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StoredText;
import org.redteam.problem.NotSignedInException;
import org.redteam.problem.StateConflictException;

/**
 * Creates workers and signs them in. Invite links are single-use and expire; API tokens do not
 * expire but can be revoked; web sessions last {@link #SESSION_LENGTH} and are replaced at every sign-in.
 */
public final class WorkerService {
    public static final Duration INVITE_LENGTH = Duration.ofDays(7);
    public static final Duration SESSION_LENGTH = Duration.ofDays(14);
    static final int MAX_NAME = 200;
    static final String PUBLIC_ADDRESS = "public_address";
    static final int MAX_EXTERNAL_ID = 200;

    private final WorkerRepository workers;
    private final Clock clock;

    public WorkerService(WorkerRepository workers, Clock clock) {
        this.workers = workers;
        this.clock = clock;
    }

    /** Platform workers (not members brought in by an import), oldest first. */
    public java.util.List<Worker> listPlatformWorkers() {
        return workers.listPlatformWorkers();
    }

    /** A worker just created, with the only copies of its secrets. */
    public record NewWorker(Worker worker, String inviteSecret, String token) {
    }

    /** A fresh web session: the cookie value and the CSRF token of its forms. */
    public record SignIn(Worker worker, String sessionId, String csrfToken) {
    }

    /** An admin adds a worker (the admin page); only admins may. */
    public NewWorker add(Worker admin, String name, Set<Role> roles, Optional<String> externalId) {
        admin.require(Role.ADMIN);
        return add(name, roles, externalId);
    }

    /** An admin issues a new invite link (the admin page); only admins may. */
    public String newInvite(Worker admin, long workerId) {
        admin.require(Role.ADMIN);
        return newInvite(workerId);
    }

    /** Where {@code serve} last said people reach it: the address invite links printed by commands name. */
    public Optional<String> publicAddress() {
        return workers.setting(PUBLIC_ADDRESS);
    }

    /** Called by {@code serve} once it listens: its public address, for links that other commands print. */
    public void rememberPublicAddress(String url) {
        workers.putSetting(PUBLIC_ADDRESS, url, clock.instant());
    }

    /** Adds a worker on the operator's authority (the {@code users} command, first start, tests). */
    public NewWorker add(String name, Set<Role> roles, Optional<String> externalId) {
        return add(name, roles, externalId, Optional.empty());
    }

    /** As {@link #add(String, Set, Optional)}, with an API token that stops working after {@code tokenLifetime}. */
    public NewWorker add(String name, Set<Role> roles, Optional<String> externalId, Optional<Duration> tokenLifetime) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
            throw new InvalidInputException("name: must be 1–" + MAX_NAME + " characters");
        }
        StoredText.requireNoNul("name", cleanName);
        if (roles.isEmpty()) {
            throw new InvalidInputException("role: give at least one of red-teamer, reviewer, admin");
        }
        Optional<String> ext = externalId.map(String::strip).filter(s -> !s.isEmpty());
        ext.ifPresent(WorkerService::checkExternalId);
        Instant now = clock.instant();
        String invite = Secrets.newSecret("inv_");
        String token = Secrets.newSecret("rt_");
        long id = workers.jdbi().inTransaction(h -> {
            long wid = workers.insert(h, cleanName, ext, roles, now);
            workers.insertToken(h, wid, Secrets.hash(token), now, tokenLifetime.map(now::plus));
            workers.insertInvite(h, wid, Secrets.hash(invite), now, now.plus(INVITE_LENGTH));
            return wid;
        });
        return new NewWorker(workers.find(id).orElseThrow(), invite, token);
    }

    /** A new single-use invite link secret for an existing worker (e.g. the old one was used or expired), on the operator's authority. */
    public String newInvite(long workerId) {
        workers.find(workerId).orElseThrow(() -> new InvalidInputException("no worker with id " + workerId));
        Instant now = clock.instant();
        String invite = Secrets.newSecret("inv_");
        workers.jdbi().useHandle(h -> workers.insertInvite(h, workerId, Secrets.hash(invite), now, now.plus(INVITE_LENGTH)));
        return invite;
    }

    /** The worker an invite is for, if the invite can still be used; explains otherwise. */
    public Worker inviteHolder(String inviteSecret) {
        Invite invite = workers.invite(Secrets.hash(inviteSecret))
                .orElseThrow(() -> new NotSignedInException("this invite link is not valid; ask your coordinator for a new one"));
        if (invite.usedAt().isPresent()) {
            throw new StateConflictException("this invite link was already used; ask your coordinator for a new one");
        }
        if (!invite.expiresAt().isAfter(clock.instant())) {
            throw new StateConflictException("this invite link has expired; ask your coordinator for a new one");
        }
        return workers.find(invite.workerId()).orElseThrow();
    }

    /**
     * Uses the invite and opens a new web session. {@code previousSessionId}, the cookie the browser
     * already had, is ended so a session id never survives a sign-in.
     */
    public SignIn signIn(String inviteSecret, Optional<String> externalId, Optional<String> previousSessionId) {
        Worker worker = inviteHolder(inviteSecret);
        Optional<String> ext = externalId.map(String::strip).filter(s -> !s.isEmpty());
        ext.ifPresent(WorkerService::checkExternalId);
        Instant now = clock.instant();
        String sessionId = Secrets.newSecret("s_");
        String csrf = Secrets.newSecret("c_");
        workers.jdbi().useTransaction(h -> {
            if (!workers.useInvite(h, Secrets.hash(inviteSecret), now)) {
                throw new StateConflictException("this invite link was already used; ask your coordinator for a new one");
            }
            ext.ifPresent(e -> workers.setExternalIdIfAbsent(h, worker.id(), e));
            previousSessionId.ifPresent(p -> workers.deleteSession(h, Secrets.hash(p)));
            workers.insertSession(h, Secrets.hash(sessionId), worker.id(), csrf, now, now.plus(SESSION_LENGTH));
        });
        return new SignIn(workers.find(worker.id()).orElseThrow(), sessionId, csrf);
    }

    public void signOut(String sessionId) {
        workers.jdbi().useHandle(h -> workers.deleteSession(h, Secrets.hash(sessionId)));
    }

    public Optional<Worker> byToken(String token) {
        return workers.byToken(Secrets.hash(token), clock.instant());
    }

    public Optional<Session> bySession(String sessionId) {
        return workers.session(Secrets.hash(sessionId), clock.instant());
    }

    /** On a store with no admin, creates one and returns it with its one-time sign-in link secret. */
    public Optional<NewWorker> ensureFirstAdmin() {
        if (workers.anyAdmin()) {
            return Optional.empty();
        }
        return Optional.of(add("admin", Set.of(Role.ADMIN), Optional.empty()));
    }

    static void checkExternalId(String ext) {
        if (ext.length() > MAX_EXTERNAL_ID || !ext.matches("[\\p{Alnum}._@:-]+")) {
            throw new InvalidInputException("external worker id: must be up to " + MAX_EXTERNAL_ID
                    + " letters, digits or . _ @ : -");
        }
    }
}
