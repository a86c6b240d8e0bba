package org.redteam.attempt;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.redteam.problem.BackendUnavailableException;

/** Incidents: model call failures met by red teamers (table {@code incident}). */
public final class IncidentRepository {
    private final Jdbi jdbi;

    public IncidentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores one incident in its own transaction (the failed model call held none). */
    void insert(String code, Instant at, long attemptId, long workerId, long targetRowId,
                BackendUnavailableException.Failure failure, String detail) {
        jdbi.useTransaction(h -> h.createUpdate("INSERT INTO incident (code, occurred_at, attempt_id, worker_id, target_id, "
                        + "failure, detail) VALUES (:code, :at, :a, :w, :t, :failure, :detail)")
                .bind("code", code).bind("at", at.toEpochMilli()).bind("a", attemptId).bind("w", workerId)
                .bind("t", targetRowId).bind("failure", failure.name()).bind("detail", detail).execute());
    }

    /** The campaign's latest incidents, newest first. */
    public List<Incident> recent(long campaignId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT i.code, i.occurred_at, i.attempt_id, i.worker_id, w.name, "
                        + "t.target_key, i.failure, i.detail FROM incident i JOIN attempt a ON a.id = i.attempt_id "
                        + "JOIN worker w ON w.id = i.worker_id JOIN target t ON t.id = i.target_id "
                        + "WHERE a.campaign_id = :c ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit")
                .bind("c", campaignId).bind("limit", limit)
                .map((rs, ctx) -> new Incident(rs.getString("code"), Instant.ofEpochMilli(rs.getLong("occurred_at")),
                        rs.getLong("attempt_id"), rs.getLong("worker_id"), rs.getString("name"), rs.getString("target_key"),
                        BackendUnavailableException.Failure.valueOf(rs.getString("failure")), rs.getString("detail")))
                .list());
    }
}
