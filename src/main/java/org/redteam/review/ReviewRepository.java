package org.redteam.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.redteam.storage.Database;
import org.redteam.storage.Rows;

/** The review queue, review tasks and their tags. Same SQL on SQLite and PostgreSQL, except the claim ({@link #nextAttempt}). */
public final class ReviewRepository {
    private final Jdbi jdbi;

    public ReviewRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public List<ReviewableAttempt> submittedNotQueued(Handle h, long campaignId) {
        return h.createQuery("SELECT a.id, a.target_id, a.rating FROM attempt a WHERE a.campaign_id = :c "
                        + "AND a.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM review_queue q WHERE q.attempt_id = a.id) "
                        + "ORDER BY a.id")
                .bind("c", campaignId)
                .map((rs, ctx) -> new ReviewableAttempt(rs.getLong(1), rs.getLong(2), rs.getDouble(3))).list();
    }

    public int enqueue(Handle h, long campaignId, List<Long> attemptIds, String how, Instant now) {
        int added = 0;
        for (long id : attemptIds) {
            added += h.createUpdate("INSERT INTO review_queue (attempt_id, campaign_id, added_at, added_how) "
                            + "VALUES (:a, :c, :now, :how) ON CONFLICT (attempt_id) DO NOTHING")
                    .bind("a", id).bind("c", campaignId).bind("now", now.toEpochMilli()).bind("how", how).execute();
        }
        return added;
    }

    /** The reviewer's unfinished task in the campaign, if any (they finish or skip it before another). */
    public Optional<ReviewTask> claimed(Handle h, long reviewerId, long campaignId) {
        return h.createQuery("SELECT t.* FROM review_task t JOIN attempt a ON a.id = t.attempt_id "
                        + "WHERE t.reviewer_id = :r AND a.campaign_id = :c AND t.status = 'claimed' ORDER BY t.id LIMIT 1")
                .bind("r", reviewerId).bind("c", campaignId).map((rs, ctx) -> task(rs, List.of())).findOne();
    }

    /**
     * The queued attempt this reviewer should review next: submitted, not theirs, not met by them before, with
     * fewer than {@code perAttempt} answered or live claims (a claim older than {@code claimsSince} no longer
     * holds its place); the least-reviewed first, then in queue order. Call it inside the claiming transaction,
     * after {@link #lockReviewer}, and insert the task in that same transaction.
     *
     * <p>SQLite runs one writing transaction at a time ({@code BEGIN IMMEDIATE}), so the count it reads stays
     * true until the claim commits. On PostgreSQL several {@code serve} processes claim at once: the candidate's
     * review_queue row is locked ({@code FOR UPDATE}, skipping rows other claims hold, then waiting if every
     * candidate is held) and its claims are counted again in a new statement, which sees the claims committed
     * meanwhile; a candidate that filled up is passed over.
     */
    public Optional<Long> nextAttempt(Handle h, long campaignId, long reviewerId, int perAttempt, Instant claimsSince) {
        if (Database.vendor(h) == Database.Vendor.SQLITE) {
            return h.createQuery("SELECT attempt_id FROM (SELECT q.attempt_id, q.added_at, " + TAKEN + " AS taken "
                            + CANDIDATES + ") x WHERE taken < :k ORDER BY taken, added_at, attempt_id LIMIT 1")
                    .bind("c", campaignId).bind("r", reviewerId).bind("k", perAttempt).bind("since", claimsSince.toEpochMilli())
                    .mapTo(Long.class).findOne();
        }
        for (int tries = 0; tries < 100; tries++) {
            Optional<Long> locked = lockCandidate(h, campaignId, reviewerId, perAttempt, claimsSince, "SKIP LOCKED");
            if (locked.isEmpty()) {
                locked = lockCandidate(h, campaignId, reviewerId, perAttempt, claimsSince, "");
            }
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            int taken = h.createQuery("SELECT COUNT(*) FROM review_task t WHERE t.attempt_id = :a AND (t.status = 'answered' "
                            + "OR (t.status = 'claimed' AND t.claimed_at >= :since))")
                    .bind("a", locked.get()).bind("since", claimsSince.toEpochMilli()).mapTo(Integer.class).one();
            if (taken < perAttempt) {
                return locked;
            }
        }
        throw new IllegalStateException("review queue: no claimable attempt after 100 tries (heavy contention)");
    }

    /**
     * A reviewer's progress in the campaign: reviews they answered, and queued attempts still open to them (the
     * same candidates {@link #nextAttempt} chooses from).
     */
    public ReviewProgress progress(Handle h, long campaignId, long reviewerId, int perAttempt, Instant claimsSince) {
        int reviewed = h.createQuery("SELECT COUNT(*) FROM review_task t JOIN attempt a ON a.id = t.attempt_id "
                        + "WHERE t.reviewer_id = :r AND a.campaign_id = :c AND t.status = 'answered'")
                .bind("r", reviewerId).bind("c", campaignId).mapTo(Integer.class).one();
        int waiting = h.createQuery("SELECT COUNT(*) FROM (SELECT q.attempt_id, " + TAKEN + " AS taken " + CANDIDATES
                        + ") x WHERE taken < :k")
                .bind("c", campaignId).bind("r", reviewerId).bind("k", perAttempt).bind("since", claimsSince.toEpochMilli())
                .mapTo(Integer.class).one();
        return new ReviewProgress(reviewed, waiting);
    }

    /** Answered reviews and live claims of {@code q.attempt_id}. */
    private static final String TAKEN = "(SELECT COUNT(*) FROM review_task t WHERE t.attempt_id = q.attempt_id "
            + "AND (t.status = 'answered' OR (t.status = 'claimed' AND t.claimed_at >= :since)))";
    private static final String CANDIDATES = "FROM review_queue q JOIN attempt a ON a.id = q.attempt_id "
            + "WHERE q.campaign_id = :c AND a.status = 'submitted' AND a.worker_id <> :r "
            + "AND NOT EXISTS (SELECT 1 FROM review_task m WHERE m.attempt_id = q.attempt_id AND m.reviewer_id = :r)";

    /** PostgreSQL: the best candidate, its queue row locked until the transaction ends; {@code wait} "SKIP LOCKED" or "". */
    private static Optional<Long> lockCandidate(Handle h, long campaignId, long reviewerId, int perAttempt, Instant claimsSince,
                                                String wait) {
        return h.createQuery("SELECT q.attempt_id, " + TAKEN + " AS taken " + CANDIDATES + " AND " + TAKEN + " < :k "
                        + "ORDER BY taken, q.added_at, q.attempt_id LIMIT 1 FOR UPDATE OF q " + wait)
                .bind("c", campaignId).bind("r", reviewerId).bind("k", perAttempt).bind("since", claimsSince.toEpochMilli())
                .map((rs, ctx) -> rs.getLong(1)).findOne();
    }

    /**
     * Serialises one reviewer's claims (a reviewer holds one task at a time, even when two requests race): on
     * PostgreSQL their worker row is locked until the transaction ends; SQLite's writers are serial already.
     */
    public void lockReviewer(Handle h, long reviewerId) {
        if (Database.vendor(h) == Database.Vendor.POSTGRESQL) {
            h.createQuery("SELECT id FROM worker WHERE id = :r FOR NO KEY UPDATE").bind("r", reviewerId).mapTo(Long.class).findOne();
        }
    }

    /** The verbatim transcript of an imported attempt; empty for the platform's own. */
    public Optional<String> importedTranscript(Handle h, long attemptId) {
        return h.createQuery("SELECT imported_transcript FROM attempt WHERE id = :a").bind("a", attemptId)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString(1))).one();
    }

    public long insertTask(Handle h, long attemptId, long reviewerId, Instant now) {
        return h.createUpdate("INSERT INTO review_task (attempt_id, reviewer_id, status, claimed_at) VALUES (:a, :r, 'claimed', :now)")
                .bind("a", attemptId).bind("r", reviewerId).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<ReviewTask> find(Handle h, long taskId) {
        List<String> tags = h.createQuery("SELECT tag FROM review_tag WHERE task_id = :t ORDER BY position")
                .bind("t", taskId).mapTo(String.class).list();
        return h.createQuery("SELECT * FROM review_task WHERE id = :t").bind("t", taskId)
                .map((rs, ctx) -> task(rs, tags)).findOne();
    }

    public Optional<ReviewTask> find(long taskId) {
        return jdbi.withHandle(h -> find(h, taskId));
    }

    public void markOpened(Handle h, long taskId, Instant now) {
        h.createUpdate("UPDATE review_task SET opened_at = :now WHERE id = :t AND opened_at IS NULL")
                .bind("t", taskId).bind("now", now.toEpochMilli()).execute();
    }

    /** Records the answer; false when the task was no longer claimed (answered or skipped already). */
    public boolean answer(Handle h, long taskId, int rating, List<String> tags, Optional<String> note, Instant now, long seconds) {
        int updated = h.createUpdate("UPDATE review_task SET status = 'answered', rating = :rating, note = :note, "
                        + "finished_at = :now, seconds_spent = :s WHERE id = :t AND status = 'claimed'")
                .bind("rating", rating).bind("note", note.orElse(null)).bind("now", now.toEpochMilli())
                .bind("s", seconds).bind("t", taskId).execute();
        if (updated == 0) {
            return false;
        }
        for (int i = 0; i < tags.size(); i++) {
            h.createUpdate("INSERT INTO review_tag (task_id, position, tag) VALUES (:t, :p, :tag)")
                    .bind("t", taskId).bind("p", i).bind("tag", tags.get(i)).execute();
        }
        return true;
    }

    public boolean skip(Handle h, long taskId, Instant now, long seconds) {
        return h.createUpdate("UPDATE review_task SET status = 'skipped', finished_at = :now, seconds_spent = :s "
                        + "WHERE id = :t AND status = 'claimed'")
                .bind("now", now.toEpochMilli()).bind("s", seconds).bind("t", taskId).execute() == 1;
    }

    /** Every answered review of the campaign's attempts, in attempt then task order, with its tags. */
    public List<Annotation> annotations(Handle h, long campaignId) {
        return annotations(h, "a.campaign_id = :c", q -> q.bind("c", campaignId));
    }

    /**
     * Every answered review of the attempts with ids in {@code [fromId, toId]}, of any campaign, in attempt then
     * task order, with its tags: the export reads them a chunk of attempts at a time.
     */
    public List<Annotation> annotations(Handle h, long fromId, long toId) {
        return annotations(h, "t.attempt_id BETWEEN :from AND :to", q -> q.bind("from", fromId).bind("to", toId));
    }

    /** Every answered review of these attempts (the admin's attempt browser: a page of ids), in attempt then task order. */
    public List<Annotation> annotationsOf(Handle h, java.util.Collection<Long> attemptIds) {
        if (attemptIds.isEmpty()) {
            return List.of();
        }
        return annotations(h, "t.attempt_id IN (<ids>)", q -> q.bindList("ids", List.copyOf(attemptIds)));
    }

    /** {@code where} is a fixed condition over {@code t} (review_task) and {@code a} (attempt); {@code bind} fills it. */
    private static List<Annotation> annotations(Handle h, String where, UnaryOperator<Query> bind) {
        Map<Long, List<String>> tags = new HashMap<>();
        bind.apply(h.createQuery("SELECT g.task_id, g.tag FROM review_tag g JOIN review_task t ON t.id = g.task_id "
                        + "JOIN attempt a ON a.id = t.attempt_id WHERE t.status = 'answered' AND " + where
                        + " ORDER BY g.task_id, g.position"))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return bind.apply(h.createQuery("SELECT t.id, t.attempt_id, t.reviewer_id, t.rating, t.note, t.seconds_spent, "
                        + "t.finished_at, a.rating AS red_team_rating, a.target_id FROM review_task t "
                        + "JOIN attempt a ON a.id = t.attempt_id WHERE t.status = 'answered' AND " + where
                        + " ORDER BY t.attempt_id, t.id"))
                .map((rs, ctx) -> new Annotation(rs.getLong("id"), rs.getLong("attempt_id"), rs.getLong("reviewer_id"),
                        rs.getInt("rating"), tags.getOrDefault(rs.getLong("id"), List.of()),
                        Optional.ofNullable(rs.getString("note")), Rows.optionalLong(rs, "seconds_spent"),
                        Instant.ofEpochMilli(rs.getLong("finished_at")), rs.getDouble("red_team_rating"), rs.getLong("target_id")))
                .list();
    }

    public QueueStats stats(Handle h, long campaignId, int perAttempt) {
        int queued = h.createQuery("SELECT COUNT(*) FROM review_queue WHERE campaign_id = :c").bind("c", campaignId)
                .mapTo(Integer.class).one();
        int complete = h.createQuery("SELECT COUNT(*) FROM review_queue q WHERE q.campaign_id = :c AND (SELECT COUNT(*) "
                        + "FROM review_task t WHERE t.attempt_id = q.attempt_id AND t.status = 'answered') >= :k")
                .bind("c", campaignId).bind("k", perAttempt).mapTo(Integer.class).one();
        Map<String, Integer> byStatus = new HashMap<>();
        h.createQuery("SELECT t.status, COUNT(*) FROM review_task t JOIN attempt a ON a.id = t.attempt_id "
                        + "WHERE a.campaign_id = :c GROUP BY t.status")
                .bind("c", campaignId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
        return new QueueStats(queued, complete, byStatus.getOrDefault("answered", 0), byStatus.getOrDefault("skipped", 0),
                byStatus.getOrDefault("claimed", 0));
    }

    /** The campaign's queued attempts in queue order, at most {@code limit}, with their answered reviews. */
    public List<QueuedAttempt> queued(Handle h, long campaignId, int limit) {
        return h.createQuery("SELECT q.attempt_id, a.target_id, a.submitted_at, (SELECT COUNT(*) FROM review_task t "
                        + "WHERE t.attempt_id = q.attempt_id AND t.status = 'answered') AS answered FROM review_queue q "
                        + "JOIN attempt a ON a.id = q.attempt_id WHERE q.campaign_id = :c ORDER BY q.added_at, q.attempt_id LIMIT :n")
                .bind("c", campaignId).bind("n", limit)
                .map((rs, ctx) -> new QueuedAttempt(rs.getLong(1), rs.getLong(2),
                        Rows.optionalLong(rs, "submitted_at").map(Instant::ofEpochMilli), rs.getInt(4))).list();
    }

    /** Takes the attempt out of the campaign's queue (its reviews stay); false when it was not queued. */
    public boolean dequeue(Handle h, long campaignId, long attemptId) {
        return h.createUpdate("DELETE FROM review_queue WHERE campaign_id = :c AND attempt_id = :a")
                .bind("c", campaignId).bind("a", attemptId).execute() == 1;
    }

    public int countSubmittedNotQueued(Handle h, long campaignId) {
        return h.createQuery("SELECT COUNT(*) FROM attempt a WHERE a.campaign_id = :c AND a.status = 'submitted' "
                        + "AND NOT EXISTS (SELECT 1 FROM review_queue q WHERE q.attempt_id = a.id)")
                .bind("c", campaignId).mapTo(Integer.class).one();
    }

    /** Workers with the reviewer role who are not deactivated. */
    public int countActiveReviewers(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM worker w JOIN worker_role r ON r.worker_id = w.id "
                        + "WHERE r.role = 'reviewer' AND w.deactivated_at IS NULL")
                .mapTo(Integer.class).one();
    }

    private static ReviewTask task(ResultSet rs, List<String> tags) throws SQLException {
        return new ReviewTask(rs.getLong("id"), rs.getLong("attempt_id"), rs.getLong("reviewer_id"),
                ReviewTask.Status.parse(rs.getString("status")), Instant.ofEpochMilli(rs.getLong("claimed_at")),
                Rows.optionalLong(rs, "opened_at").map(Instant::ofEpochMilli),
                Rows.optionalLong(rs, "finished_at").map(Instant::ofEpochMilli), Rows.optionalInt(rs, "rating"), tags,
                Optional.ofNullable(rs.getString("note")), Rows.optionalLong(rs, "seconds_spent"));
    }
}
