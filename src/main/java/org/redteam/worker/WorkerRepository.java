package org.redteam.worker;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.storage.Rows;

/** Workers, their roles and their credentials (tokens, invites, web sessions). Secrets arrive hashed. */
public final class WorkerRepository {
    private final Jdbi jdbi;

    public WorkerRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    long insert(Handle h, String name, Optional<String> externalId, Set<Role> roles, Instant now) {
        long id = h.createUpdate("INSERT INTO worker (name, external_id, created_at) VALUES (:name, :ext, :now)")
                .bind("name", name).bind("ext", externalId.orElse(null)).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (Role role : roles) {
            h.createUpdate("INSERT INTO worker_role (worker_id, role) VALUES (:id, :role)")
                    .bind("id", id).bind("role", role.label()).execute();
        }
        return id;
    }

    void insertToken(Handle h, long workerId, String tokenHash, Instant now, Optional<Instant> expires) {
        h.createUpdate("INSERT INTO api_token (token_hash, worker_id, created_at, expires_at) VALUES (:hash, :worker, :now, :expires)")
                .bind("hash", tokenHash).bind("worker", workerId).bind("now", now.toEpochMilli())
                .bind("expires", expires.map(Instant::toEpochMilli).orElse(null)).execute();
    }

    /**
     * Ends the worker's access at once and keeps their data: marks them deactivated, revokes their tokens, ends their
     * sessions and expires their unused invites. False when there is no such worker.
     */
    boolean deactivate(Handle h, long workerId, Instant now) {
        long at = now.toEpochMilli();
        int found = h.createUpdate("UPDATE worker SET deactivated_at = COALESCE(deactivated_at, :now) WHERE id = :id")
                .bind("now", at).bind("id", workerId).execute();
        revokeTokens(h, workerId, now);
        h.createUpdate("DELETE FROM web_session WHERE worker_id = :id").bind("id", workerId).execute();
        revokeInvites(h, workerId, now);
        return found == 1;
    }

    /** Lets a deactivated worker back in (through a new invite or token: the old ones stay ended). */
    boolean activate(Handle h, long workerId) {
        return h.createUpdate("UPDATE worker SET deactivated_at = NULL WHERE id = :id").bind("id", workerId).execute() == 1;
    }

    int revokeTokens(Handle h, long workerId, Instant now) {
        return h.createUpdate("UPDATE api_token SET revoked_at = :now WHERE worker_id = :id AND revoked_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("id", workerId).execute();
    }

    /** Expires the worker's unused, unexpired invites; how many. */
    int revokeInvites(Handle h, long workerId, Instant now) {
        return h.createUpdate("UPDATE invite SET expires_at = :now WHERE worker_id = :id AND used_at IS NULL AND expires_at > :now")
                .bind("now", now.toEpochMilli()).bind("id", workerId).execute();
    }

    void setRoles(Handle h, long workerId, Set<Role> roles) {
        h.createUpdate("DELETE FROM worker_role WHERE worker_id = :id").bind("id", workerId).execute();
        for (Role role : roles) {
            h.createUpdate("INSERT INTO worker_role (worker_id, role) VALUES (:id, :role)")
                    .bind("id", workerId).bind("role", role.label()).execute();
        }
    }

    /** A stored platform setting ({@code platform_setting}). */
    Optional<String> setting(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM platform_setting WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    void putSetting(String name, String value, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO platform_setting (name, value, updated_at) VALUES (:name, :value, :now) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
                .bind("name", name).bind("value", value).bind("now", now.toEpochMilli()).execute());
    }

    /** Stores a platform setting unless it is already set; the stored value either way. */
    String putSettingIfAbsent(String name, String value, Instant now) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO platform_setting (name, value, updated_at) VALUES (:name, :value, :now) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .bind("name", name).bind("value", value).bind("now", now.toEpochMilli()).execute();
            return h.createQuery("SELECT value FROM platform_setting WHERE name = :name")
                    .bind("name", name).mapTo(String.class).one();
        });
    }

    /**
     * Locks a stored setting's row until the transaction ends (a write that changes nothing): on PostgreSQL the
     * row lock makes concurrent transactions that take it run one after another; on SQLite it makes the
     * transaction the writer before it reads.
     */
    void lockSetting(Handle h, String name) {
        h.createUpdate("UPDATE platform_setting SET value = value WHERE name = :name").bind("name", name).execute();
    }

    /** The oldest platform worker with this external id, and whether they are deactivated. */
    Optional<ExternalWorker> byExternalId(Handle h, String externalId) {
        return h.createQuery("SELECT id, deactivated_at FROM worker WHERE external_id = :ext AND source IS NULL "
                        + "ORDER BY id LIMIT 1")
                .bind("ext", externalId)
                .map((rs, ctx) -> new ExternalWorker(rs.getLong("id"), Rows.optionalLong(rs, "deactivated_at").isPresent()))
                .findOne();
    }

    record ExternalWorker(long id, boolean deactivated) {
    }

    /** The ids of deactivated workers. */
    public Set<Long> deactivated() {
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT id FROM worker WHERE deactivated_at IS NOT NULL")
                .mapTo(Long.class).list()));
    }

    void insertInvite(Handle h, long workerId, String secretHash, Instant now, Instant expires) {
        h.createUpdate("INSERT INTO invite (secret_hash, worker_id, created_at, expires_at) "
                        + "VALUES (:hash, :worker, :now, :expires)")
                .bind("hash", secretHash).bind("worker", workerId).bind("now", now.toEpochMilli())
                .bind("expires", expires.toEpochMilli()).execute();
    }

    public Optional<Invite> invite(String secretHash) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT worker_id, expires_at, used_at FROM invite WHERE secret_hash = :hash")
                .bind("hash", secretHash)
                .map((rs, ctx) -> new Invite(rs.getLong("worker_id"), Instant.ofEpochMilli(rs.getLong("expires_at")),
                        Rows.optionalLong(rs, "used_at").map(Instant::ofEpochMilli)))
                .findOne());
    }

    /** Marks the invite used if it is unused and unexpired; true when this call used it. */
    boolean useInvite(Handle h, String secretHash, Instant now) {
        return h.createUpdate("UPDATE invite SET used_at = :now "
                        + "WHERE secret_hash = :hash AND used_at IS NULL AND expires_at > :now "
                        + "AND worker_id IN (SELECT id FROM worker WHERE deactivated_at IS NULL)")
                .bind("hash", secretHash).bind("now", now.toEpochMilli()).execute() == 1;
    }

    void setExternalIdIfAbsent(Handle h, long workerId, String externalId) {
        h.createUpdate("UPDATE worker SET external_id = :ext WHERE id = :id AND external_id IS NULL")
                .bind("ext", externalId).bind("id", workerId).execute();
    }

    void insertSession(Handle h, String idHash, long workerId, String csrf, Instant now, Instant expires) {
        h.createUpdate("INSERT INTO web_session (id_hash, worker_id, csrf_token, created_at, expires_at) "
                        + "VALUES (:hash, :worker, :csrf, :now, :expires)")
                .bind("hash", idHash).bind("worker", workerId).bind("csrf", csrf)
                .bind("now", now.toEpochMilli()).bind("expires", expires.toEpochMilli()).execute();
    }

    void deleteSession(Handle h, String idHash) {
        h.createUpdate("DELETE FROM web_session WHERE id_hash = :hash").bind("hash", idHash).execute();
    }

    /** The live session's worker and CSRF token: one query, run on every signed-in page request. */
    public Optional<Session> session(String idHash, Instant now) {
        List<RoleRow> rows = jdbi.withHandle(h -> h.createQuery("SELECT w.id, w.name, w.external_id, r.role, s.csrf_token "
                        + "FROM web_session s JOIN worker w ON w.id = s.worker_id "
                        + "LEFT JOIN worker_role r ON r.worker_id = w.id "
                        + "WHERE s.id_hash = :hash AND s.expires_at > :now AND w.deactivated_at IS NULL")
                .bind("hash", idHash).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> RoleRow.of(rs, rs.getString("csrf_token"))).list());
        return worker(rows).map(w -> new Session(w, rows.get(0).extra()));
    }

    /** The active worker behind an unrevoked, unexpired API token: one query, run on every API request. */
    public Optional<Worker> byToken(String tokenHash, Instant now) {
        return worker(jdbi.withHandle(h -> h.createQuery("SELECT w.id, w.name, w.external_id, r.role "
                        + "FROM api_token t JOIN worker w ON w.id = t.worker_id "
                        + "LEFT JOIN worker_role r ON r.worker_id = w.id "
                        + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND w.deactivated_at IS NULL "
                        + "AND (t.expires_at IS NULL OR t.expires_at > :now)")
                .bind("hash", tokenHash).bind("now", now.toEpochMilli()).map((rs, ctx) -> RoleRow.of(rs, null)).list()));
    }

    /** A worker joined with one of its roles (null when it has none). */
    private record RoleRow(long id, String name, String externalId, String role, String extra) {
        static RoleRow of(java.sql.ResultSet rs, String extra) throws java.sql.SQLException {
            return new RoleRow(rs.getLong("id"), rs.getString("name"), rs.getString("external_id"), rs.getString("role"), extra);
        }
    }

    private static Optional<Worker> worker(List<RoleRow> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        rows.stream().map(RoleRow::role).filter(java.util.Objects::nonNull).forEach(r -> roles.add(Role.parse(r)));
        RoleRow first = rows.get(0);
        return Optional.of(new Worker(first.id(), first.name(), Optional.ofNullable(first.externalId()), roles));
    }

    public Optional<Worker> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Worker> find(Handle h, long id) {
        return worker(h.createQuery("SELECT w.id, w.name, w.external_id, r.role FROM worker w "
                        + "LEFT JOIN worker_role r ON r.worker_id = w.id WHERE w.id = :id")
                .bind("id", id).map((rs, ctx) -> RoleRow.of(rs, null)).list());
    }

    /** Platform workers (not members brought in by an import), oldest first. */
    public List<Worker> listPlatformWorkers() {
        return jdbi.withHandle(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM worker WHERE source IS NULL ORDER BY id")
                    .mapTo(Long.class).list();
            return ids.stream().map(id -> find(h, id).orElseThrow()).collect(Collectors.toList());
        });
    }

    public boolean anyAdmin() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM worker_role WHERE role = 'admin'")
                .mapTo(Long.class).one() > 0);
    }

    /** The worker standing for member {@code memberId} of an imported source, created on first sight. */
    public long importedMember(Handle h, String source, long memberId, Instant now) {
        Optional<Long> existing = h.createQuery(
                        "SELECT id FROM worker WHERE source = :source AND source_member_id = :member")
                .bind("source", source).bind("member", memberId).mapTo(Long.class).findOne();
        return existing.orElseGet(() -> h.createUpdate("INSERT INTO worker (name, source, source_member_id, created_at) "
                        + "VALUES (:name, :source, :member, :now)")
                .bind("name", "member " + memberId + " (" + source + ")").bind("source", source)
                .bind("member", memberId).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    Jdbi jdbi() {
        return jdbi;
    }
}
