package org.redteam.campaign;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Campaigns, their targets, consent, work sets and the counts assignment needs. */
public final class CampaignRepository {
    private final Jdbi jdbi;

    public CampaignRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    Optional<Long[]> campaignByName(Handle h, String name) {
        return h.createQuery("SELECT id, assignment_seed FROM campaign WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> new Long[] {rs.getLong("id"), rs.getLong("assignment_seed")}).findOne();
    }

    /** A stored campaign: its id and name. */
    public record Named(long id, String name) {
    }

    /** Every campaign in the store, oldest first (commands that read stored data without a campaign file). */
    public List<Named> all(Handle h) {
        return h.createQuery("SELECT id, name FROM campaign ORDER BY id")
                .map((rs, ctx) -> new Named(rs.getLong("id"), rs.getString("name"))).list();
    }

    /** The campaign named {@code name}, created with {@code seed} if absent; returns {id, stored seed}. */
    public long[] ensureCampaign(Handle h, String name, long seed, Instant now) {
        Optional<Long[]> found = campaignByName(h, name);
        if (found.isPresent()) {
            return new long[] {found.get()[0], found.get()[1]};
        }
        long id = h.createUpdate("INSERT INTO campaign (name, assignment_seed, created_at) VALUES (:name, :seed, :now)")
                .bind("name", name).bind("seed", seed).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new long[] {id, seed};
    }

    public List<TargetRow> targets(Handle h, long campaignId) {
        return h.createQuery("SELECT id, target_key, model_type, size, backend_kind, demo, active FROM target "
                        + "WHERE campaign_id = :c ORDER BY id")
                .bind("c", campaignId)
                .map((rs, ctx) -> new TargetRow(rs.getLong("id"), rs.getString("target_key"), rs.getString("model_type"),
                        rs.getString("size"), rs.getString("backend_kind"), rs.getBoolean("demo"), rs.getBoolean("active")))
                .list();
    }

    /**
     * Per stored target key and review tag, the number of the campaign's submitted attempts that at least one answered
     * review gave that tag (an attempt two reviewers tagged alike counts once).
     */
    List<TagCount> coverageCounts(Handle h, long campaignId) {
        return h.createQuery("""
                SELECT t.target_key, g.tag, COUNT(DISTINCT a.id) AS n FROM attempt a
                JOIN target t ON t.id = a.target_id
                JOIN review_task r ON r.attempt_id = a.id AND r.status = 'answered'
                JOIN review_tag g ON g.task_id = r.id
                WHERE a.campaign_id = :c AND a.status = 'submitted'
                GROUP BY t.target_key, g.tag""")
                .bind("c", campaignId)
                .map((rs, ctx) -> new TagCount(rs.getString("target_key"), rs.getString("tag"), rs.getInt("n"))).list();
    }

    /** One count of {@link #coverageCounts}. */
    record TagCount(String targetKey, String tag, int count) {
    }

    public long insertTarget(Handle h, long campaignId, String key, String modelType, String size, String kind,
                             boolean demo, boolean active) {
        return h.createUpdate("INSERT INTO target (campaign_id, target_key, model_type, size, backend_kind, demo, active) "
                        + "VALUES (:c, :key, :type, :size, :kind, :demo, :active)")
                .bind("c", campaignId).bind("key", key).bind("type", modelType).bind("size", size)
                .bind("kind", kind).bind("demo", demo).bind("active", active)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void setActive(Handle h, long targetId, boolean active) {
        h.createUpdate("UPDATE target SET active = :active WHERE id = :id").bind("active", active).bind("id", targetId)
                .execute();
    }

    public Optional<List<String>> consentTopics(long workerId, long campaignId) {
        return jdbi.withHandle(h -> {
            boolean consented = h.createQuery("SELECT COUNT(*) FROM consent WHERE worker_id = :w AND campaign_id = :c")
                    .bind("w", workerId).bind("c", campaignId).mapTo(Long.class).one() > 0;
            if (!consented) {
                return Optional.empty();
            }
            return Optional.of(h.createQuery("SELECT topic FROM consent_topic WHERE worker_id = :w AND campaign_id = :c "
                            + "ORDER BY topic")
                    .bind("w", workerId).bind("c", campaignId).mapTo(String.class).list());
        });
    }

    /** Replaces the worker's consent and topics for the campaign. */
    void saveConsent(long workerId, long campaignId, List<String> topics, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM consent_topic WHERE worker_id = :w AND campaign_id = :c")
                    .bind("w", workerId).bind("c", campaignId).execute();
            h.createUpdate("DELETE FROM consent WHERE worker_id = :w AND campaign_id = :c")
                    .bind("w", workerId).bind("c", campaignId).execute();
            h.createUpdate("INSERT INTO consent (worker_id, campaign_id, consented_at) VALUES (:w, :c, :now)")
                    .bind("w", workerId).bind("c", campaignId).bind("now", now.toEpochMilli()).execute();
            for (String topic : topics) {
                h.createUpdate("INSERT INTO consent_topic (worker_id, campaign_id, topic) VALUES (:w, :c, :t)")
                        .bind("w", workerId).bind("c", campaignId).bind("t", topic).execute();
            }
        });
    }

    public Optional<WorkSet> openSet(Handle h, long workerId, long campaignId) {
        return h.createQuery("SELECT id, worker_id, size, completion_code FROM work_set "
                        + "WHERE worker_id = :w AND campaign_id = :c AND completed_at IS NULL ORDER BY id DESC LIMIT 1")
                .bind("w", workerId).bind("c", campaignId).map(CampaignRepository::workSet).findOne();
    }

    public Optional<WorkSet> workSet(long setId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, worker_id, size, completion_code FROM work_set WHERE id = :id")
                .bind("id", setId).map(CampaignRepository::workSet).findOne());
    }

    /** The worker's finished sets in the campaign, oldest first. */
    public java.util.List<WorkSet> finishedSets(long workerId, long campaignId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, worker_id, size, completion_code FROM work_set "
                        + "WHERE worker_id = :w AND campaign_id = :c AND completed_at IS NOT NULL ORDER BY id")
                .bind("w", workerId).bind("c", campaignId).map(CampaignRepository::workSet).list());
    }

    private static WorkSet workSet(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new WorkSet(rs.getLong("id"), rs.getLong("worker_id"), rs.getInt("size"),
                Optional.ofNullable(rs.getString("completion_code")));
    }

    public long insertSet(Handle h, long workerId, long campaignId, int size, Instant now) {
        return h.createUpdate("INSERT INTO work_set (campaign_id, worker_id, size, created_at) VALUES (:c, :w, :size, :now)")
                .bind("c", campaignId).bind("w", workerId).bind("size", size).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void completeSet(Handle h, long setId, String code, Instant now) {
        h.createUpdate("UPDATE work_set SET completion_code = :code, completed_at = :now WHERE id = :id AND completed_at IS NULL")
                .bind("code", code).bind("now", now.toEpochMilli()).bind("id", setId).execute();
    }

    /** Attempts in the set so far (open or submitted). */
    public int attemptsInSet(Handle h, long setId) {
        return h.createQuery("SELECT COUNT(*) FROM attempt WHERE work_set_id = :s").bind("s", setId)
                .mapTo(Integer.class).one();
    }

    public int submittedInSet(Handle h, long setId) {
        return h.createQuery("SELECT COUNT(*) FROM attempt WHERE work_set_id = :s AND status = 'submitted'")
                .bind("s", setId).mapTo(Integer.class).one();
    }

    /**
     * Platform attempts per target of the campaign (targets with none are absent); with {@code workerId},
     * only that worker's. The campaign-wide numbers are the counters the starting transactions keep on
     * each target (one row per target, not a count over every attempt, since this runs under the
     * campaign's assignment lock at every start).
     */
    public Map<Long, Integer> attemptCounts(Handle h, long campaignId, Optional<Long> workerId) {
        Map<Long, Integer> counts = new HashMap<>();
        if (workerId.isEmpty()) {
            h.createQuery("SELECT id, platform_attempts FROM target WHERE campaign_id = :c AND platform_attempts > 0")
                    .bind("c", campaignId)
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getInt("platform_attempts")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        }
        h.createQuery("SELECT target_id, COUNT(*) AS n FROM attempt WHERE worker_id = :w AND campaign_id = :c "
                        + "AND source = 'platform' GROUP BY target_id")
                .bind("c", campaignId).bind("w", workerId.get())
                .map((rs, ctx) -> Map.entry(rs.getLong("target_id"), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The next free position in the campaign's assignment sequence. */
    /**
     * The next assignment sequence number. On PostgreSQL the campaign row is locked first ({@code FOR NO KEY UPDATE}: it does not conflict with
     * the key-share locks that inserts referencing the campaign take, so no deadlock), so concurrent starts
     * (several requests, several {@code serve} processes) take turns: each sees the others' attempts, gets its own
     * number and balances assignment on true counts. SQLite's {@code BEGIN IMMEDIATE} already serialises writers.
     */
    public long nextAssignmentSeq(Handle h, long campaignId) {
        if (org.redteam.storage.Database.vendor(h) == org.redteam.storage.Database.Vendor.POSTGRESQL) {
            h.createQuery("SELECT id FROM campaign WHERE id = :c FOR NO KEY UPDATE").bind("c", campaignId).mapTo(Long.class).one();
        }
        return h.createQuery("SELECT COALESCE(MAX(assignment_seq) + 1, 0) FROM attempt WHERE campaign_id = :c")
                .bind("c", campaignId).mapTo(Long.class).one();
    }
}
