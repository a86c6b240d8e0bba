package org.redteam.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StateConflictException;
import org.redteam.problem.NotFoundException;

/**
 * Taking access away and giving it back, on the operator's authority ({@code users deactivate|activate|tokens|
 * invite --revoke-older|edit}). Deactivating ends a worker's tokens, sessions and unused invites in one transaction
 * (their next request is refused as not signed in) and keeps everything they did. Thread-safe.
 */
public final class WorkerAccess {
    /** Longest token lifetime accepted, in days. */
    public static final int MAX_TOKEN_DAYS = 3650;

    private final WorkerRepository workers;
    private final Clock clock;

    public WorkerAccess(WorkerRepository workers, Clock clock) {
        this.workers = workers;
        this.clock = clock;
    }

    public void deactivate(long workerId) {
        Instant now = clock.instant();
        if (!workers.jdbi().inTransaction(h -> workers.deactivate(h, workerId, now))) {
            throw missing(workerId);
        }
    }

    /** The worker may sign in again through a new invite link or use a new token; the ended ones stay ended. */
    public void activate(long workerId) {
        if (!workers.jdbi().inTransaction(h -> workers.activate(h, workerId))) {
            throw missing(workerId);
        }
    }

    /** Revokes every token of the worker; how many were live. */
    public int revokeTokens(long workerId) {
        require(workerId);
        return workers.jdbi().inTransaction(h -> workers.revokeTokens(h, workerId, clock.instant()));
    }

    /** A new API token, expiring after {@code days} when given; the old ones keep working unless revoked. */
    public String newToken(long workerId, Optional<Integer> days) {
        require(workerId);
        Optional<Duration> lifetime = days.map(WorkerAccess::lifetime);
        String token = Secrets.newSecret("rt_");
        Instant now = clock.instant();
        workers.jdbi().useTransaction(h -> workers.insertToken(h, workerId, Secrets.hash(token), now, lifetime.map(now::plus)));
        return token;
    }

    /** Expires the worker's unused invites (before a new one is issued); how many. */
    public int revokeInvites(long workerId) {
        require(workerId);
        return workers.jdbi().inTransaction(h -> workers.revokeInvites(h, workerId, clock.instant()));
    }

    /** Replaces the worker's roles. */
    public Worker setRoles(long workerId, Set<Role> roles) {
        require(workerId);
        if (roles.isEmpty()) {
            throw new InvalidInputException("role: give at least one of red-teamer, reviewer, admin");
        }
        workers.jdbi().useTransaction(h -> workers.setRoles(h, workerId, roles));
        return workers.find(workerId).orElseThrow();
    }

    /** An admin deactivates another worker (the admin page); never themselves, so no one locks the admins out. */
    public void deactivate(Worker admin, long workerId) {
        requireAdminOther(admin, workerId, "deactivate yourself");
        deactivate(workerId);
    }

    /** An admin lets a deactivated worker back in (the admin page). */
    public void activate(Worker admin, long workerId) {
        requireAdminOther(admin, workerId, "activate yourself");
        activate(workerId);
    }

    /** An admin changes another worker's roles (the admin page); never their own. */
    public Worker setRoles(Worker admin, long workerId, Set<Role> roles) {
        requireAdminOther(admin, workerId, "change your own roles");
        return setRoles(workerId, roles);
    }

    private static void requireAdminOther(Worker admin, long workerId, String what) {
        admin.require(Role.ADMIN);
        if (admin.id() == workerId) {
            throw new StateConflictException("you cannot " + what + " here; another admin can, or use the users command");
        }
    }

    /** The ids of deactivated workers. */
    public Set<Long> deactivated() {
        return workers.deactivated();
    }

    /** A token lifetime of {@code days} (1 to {@value #MAX_TOKEN_DAYS}). */
    public static Duration lifetime(int days) {
        if (days < 1 || days > MAX_TOKEN_DAYS) {
            throw new InvalidInputException("--expires-days: must be 1 to " + MAX_TOKEN_DAYS + ", got " + days);
        }
        return Duration.ofDays(days);
    }

    private void require(long workerId) {
        workers.find(workerId).orElseThrow(() -> missing(workerId));
    }

    private static NotFoundException missing(long workerId) {
        return new NotFoundException("no worker with id " + workerId);
    }
}
