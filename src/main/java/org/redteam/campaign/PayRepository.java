package org.redteam.campaign;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Activity pings (minute buckets), the activity events time on task is measured from, and finished sets. */
public final class PayRepository {
    private final Jdbi jdbi;

    public PayRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Records a ping at {@code at}: the worker's row of that minute is made, or its last ping moved to {@code at}. */
    void ping(long campaignId, long workerId, Instant at) {
        long millis = at.toEpochMilli();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO activity (campaign_id, worker_id, minute, first_at, last_at) "
                        + "VALUES (:c, :w, :minute, :at, :at) ON CONFLICT (campaign_id, worker_id, minute) DO UPDATE SET "
                        + "last_at = CASE WHEN excluded.last_at > activity.last_at THEN excluded.last_at ELSE activity.last_at END")
                .bind("c", campaignId).bind("w", workerId).bind("minute", Math.floorDiv(millis, 60_000L)).bind("at", millis)
                .execute());
    }

    /** The number of activity rows (minute buckets) of a worker in a campaign. */
    long buckets(Handle h, long campaignId, long workerId) {
        return h.createQuery("SELECT COUNT(*) FROM activity WHERE campaign_id = :c AND worker_id = :w")
                .bind("c", campaignId).bind("w", workerId).mapTo(Long.class).one();
    }

    /**
     * Every activity event of the campaign, ordered by worker, then time: pings (first and last of each minute), and
     * on platform attempts their start, each turn's message and pick, the rating, and on review tasks of the
     * campaign's attempts the claim, the opening and the answer or skip.
     */
    void events(Handle h, long campaignId, ObjLongConsumer<Long> sink) {
        h.createQuery("""
                SELECT worker_id, at FROM (
                  SELECT worker_id, first_at AS at FROM activity WHERE campaign_id = :c
                  UNION ALL SELECT worker_id, last_at FROM activity WHERE campaign_id = :c
                  UNION ALL SELECT worker_id, created_at FROM attempt WHERE campaign_id = :c AND source = 'platform'
                  UNION ALL SELECT worker_id, submitted_at FROM attempt
                    WHERE campaign_id = :c AND source = 'platform' AND submitted_at IS NOT NULL
                  UNION ALL SELECT a.worker_id, t.created_at FROM turn t JOIN attempt a ON a.id = t.attempt_id
                    WHERE a.campaign_id = :c AND a.source = 'platform'
                  UNION ALL SELECT a.worker_id, t.chosen_at FROM turn t JOIN attempt a ON a.id = t.attempt_id
                    WHERE a.campaign_id = :c AND a.source = 'platform' AND t.chosen_at IS NOT NULL
                  UNION ALL SELECT r.reviewer_id, r.claimed_at FROM review_task r JOIN attempt a ON a.id = r.attempt_id
                    WHERE a.campaign_id = :c
                  UNION ALL SELECT r.reviewer_id, r.opened_at FROM review_task r JOIN attempt a ON a.id = r.attempt_id
                    WHERE a.campaign_id = :c AND r.opened_at IS NOT NULL
                  UNION ALL SELECT r.reviewer_id, r.finished_at FROM review_task r JOIN attempt a ON a.id = r.attempt_id
                    WHERE a.campaign_id = :c AND r.finished_at IS NOT NULL
                ) events ORDER BY worker_id, at""")
                .bind("c", campaignId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(e -> sink.accept(e[0], e[1]));
    }

    /** Finished sets per worker in the campaign. */
    Map<Long, Long> setsDone(Handle h, long campaignId) {
        Map<Long, Long> sets = new HashMap<>();
        h.createQuery("SELECT worker_id, COUNT(*) FROM work_set WHERE campaign_id = :c AND completed_at IS NOT NULL "
                        + "GROUP BY worker_id")
                .bind("c", campaignId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(r -> sets.put(r[0], r[1]));
        return sets;
    }

    /** A worker's name and the crowd platform's id for them (the study link's PROLIFIC_PID / workerId), if any. */
    record Who(String name, Optional<String> externalId) {
    }

    Map<Long, Who> workers(Handle h) {
        Map<Long, Who> workers = new HashMap<>();
        h.createQuery("SELECT id, name, external_id FROM worker")
                .map((rs, ctx) -> Map.entry(rs.getLong("id"),
                        new Who(rs.getString("name"), Optional.ofNullable(rs.getString("external_id")))))
                .forEach(e -> workers.put(e.getKey(), e.getValue()));
        return workers;
    }

    /** The id of the campaign named {@code name}, if the store has it. */
    Optional<Long> campaignId(Handle h, String name) {
        return h.createQuery("SELECT id FROM campaign WHERE name = :name").bind("name", name).mapTo(Long.class).findOne();
    }
}
