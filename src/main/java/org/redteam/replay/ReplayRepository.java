package org.redteam.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code replay_run} and {@code replay_item} tables. Items are claimed with one conditional UPDATE each (a
 * compare-and-set on the item's status and claim time), so two servers on one database never both hold an item. A
 * server renews the heartbeat of the items it holds ({@link #heartbeat}); a claim whose heartbeat is older than the
 * caller's {@code staleBefore} is taken over (its server is taken for dead).
 */
public final class ReplayRepository {
    /** Candidates read per claim: servers racing for the first one still find one of the next free. */
    private static final int CANDIDATES = 8;
    /** Result lines read per query. */
    static final int RESULT_PAGE = 200;
    private static final String RUN_COLUMNS = "id, name, created_by, created_at, filter, target_ids, judge_ids, samples, "
            + "suite_version, status, total, finished_at";

    private final Jdbi jdbi;

    public ReplayRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An attack × target to replay: the attack as a suite line. */
    record NewItem(String attackId, String targetId, String attackLine) {
    }

    /** An item this server holds, with what of its run the replay needs. */
    record Claimed(long itemId, long runId, String attackLine, String targetId, long claimedAt, List<String> judgeIds,
                   int samples, String suiteVersion, long seed) {
    }

    /** Creates the run and its pending items in one transaction; returns the run's id. */
    long create(String name, long createdBy, Instant at, AttackFilter filter, List<String> targetIds, List<String> judgeIds,
                int samples, String suiteVersion, List<NewItem> items) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("INSERT INTO replay_run (name, created_by, created_at, filter, target_ids, judge_ids, "
                            + "samples, suite_version, status, total) VALUES (:name, :by, :at, :filter, :targets, :judges, "
                            + ":samples, :version, :status, :total)")
                    .bind("name", name).bind("by", createdBy).bind("at", at.toEpochMilli())
                    .bind("filter", FilterJson.write(filter)).bind("targets", FilterJson.writeIds(targetIds))
                    .bind("judges", FilterJson.writeIds(judgeIds)).bind("samples", samples).bind("version", suiteVersion)
                    .bind("status", items.isEmpty() ? StoredRun.DONE : StoredRun.RUNNING).bind("total", items.size())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("INSERT INTO replay_item (run_id, attack_id, target_id, attack, status) "
                    + "VALUES (:run, :attack, :target, :line, 'pending')");
            for (NewItem item : items) {
                batch.bind("run", id).bind("attack", item.attackId()).bind("target", item.targetId())
                        .bind("line", item.attackLine()).add();
            }
            if (!items.isEmpty()) {
                batch.execute();
            }
            return id;
        });
    }

    /** Every run, the latest first. */
    List<StoredRun> runs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM replay_run ORDER BY id DESC")
                .map(ReplayRepository::run).list());
    }

    Optional<StoredRun> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM replay_run WHERE id = :id")
                .bind("id", id).map(ReplayRepository::run).findOne());
    }

    StoredRun.Progress progress(StoredRun run) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(CASE WHEN status = 'done' THEN 1 END) AS done, "
                        + "COUNT(CASE WHEN status = 'done' AND error IS NOT NULL THEN 1 END) AS errors, "
                        + "COUNT(CASE WHEN status = 'running' THEN 1 END) AS running FROM replay_item WHERE run_id = :run")
                .bind("run", run.id())
                .map((rs, ctx) -> new StoredRun.Progress(run.total(), rs.getLong("done"), rs.getLong("errors"), rs.getLong("running")))
                .one());
    }

    /**
     * Claims for {@code server} the first item that is pending, or running under a claim whose last heartbeat was
     * before {@code staleBefore};
     * empty when there is none (or other servers took every candidate first).
     */
    Optional<Claimed> claim(String server, Instant now, Instant staleBefore) {
        // read first, outside a transaction: an idle server's look for work takes no write lock
        List<long[]> candidates = jdbi.withHandle(h -> h.createQuery("SELECT id, COALESCE(claimed_at, -1) AS claimed_at "
                        + "FROM replay_item WHERE status = 'pending' OR (status = 'running' AND heartbeat_at < :stale) "
                        + "ORDER BY id LIMIT :n")
                .bind("stale", staleBefore.toEpochMilli()).bind("n", CANDIDATES)
                .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getLong("claimed_at")}).list());
        for (long[] c : candidates) {
            Optional<Claimed> claimed = jdbi.inTransaction(h -> {
                int taken = h.createUpdate("UPDATE replay_item SET status = 'running', claimed_by = :server, claimed_at = :now, "
                                + "heartbeat_at = :now WHERE id = :id AND (status = 'pending' OR (status = 'running' "
                                + "AND claimed_at = :was AND heartbeat_at < :stale))")
                        .bind("server", server).bind("now", now.toEpochMilli()).bind("id", c[0]).bind("was", c[1])
                        .bind("stale", staleBefore.toEpochMilli()).execute();
                if (taken != 1) {
                    return Optional.<Claimed>empty();
                }
                return Optional.of(h.createQuery("SELECT i.id, i.run_id, i.attack, i.target_id, r.judge_ids, r.samples, "
                                + "r.suite_version, r.filter FROM replay_item i JOIN replay_run r ON r.id = i.run_id "
                                + "WHERE i.id = :id")
                        .bind("id", c[0])
                        .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getLong("run_id"), rs.getString("attack"),
                                rs.getString("target_id"), now.toEpochMilli(), FilterJson.readIds(rs.getString("judge_ids")),
                                rs.getInt("samples"), rs.getString("suite_version"),
                                FilterJson.read(rs.getString("filter")).seed()))
                        .one());
            });
            if (claimed.isPresent()) {
                return claimed;
            }
        }
        return Optional.empty();
    }

    /**
     * Stores the result of an item {@code server} still holds under its claim and closes the run when it was the
     * last; false (nothing stored) when the claim was taken over meanwhile. The run is closed by a statement of its
     * own after the item's is committed: on PostgreSQL two servers finishing the last two items at once each see
     * the other's commit there, where inside their own transactions neither would.
     */
    boolean finish(ReplayRepository.Claimed item, String server, String resultLine, String error, Instant now) {
        boolean stored = jdbi.inTransaction(h -> h.createUpdate("UPDATE replay_item SET status = 'done', result = :result, "
                        + "error = :error, finished_at = :now WHERE id = :id AND status = 'running' AND claimed_by = :server "
                        + "AND claimed_at = :claimedAt")
                .bind("result", resultLine).bind("error", error).bind("now", now.toEpochMilli()).bind("id", item.itemId())
                .bind("server", server).bind("claimedAt", item.claimedAt()).execute()) == 1;
        if (stored) {
            jdbi.useTransaction(h -> h.createUpdate("UPDATE replay_run SET status = 'done', finished_at = :now WHERE id = :run "
                            + "AND status = 'running' AND NOT EXISTS (SELECT 1 FROM replay_item WHERE run_id = :run "
                            + "AND status <> 'done')")
                    .bind("now", now.toEpochMilli()).bind("run", item.runId()).execute());
        }
        return stored;
    }

    /**
     * Closes every running run whose items are all done (a server that stopped between storing the last item and
     * closing its run leaves one behind); idle workers call it.
     */
    int closeFinished(Instant now) {
        String finished = "status = 'running' AND NOT EXISTS (SELECT 1 FROM replay_item i WHERE i.run_id = replay_run.id "
                + "AND i.status <> 'done')";
        boolean any = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM replay_run WHERE " + finished)
                .mapTo(Long.class).one()) > 0;
        return !any ? 0 : jdbi.inTransaction(h -> h.createUpdate("UPDATE replay_run SET status = 'done', finished_at = :now "
                + "WHERE " + finished).bind("now", now.toEpochMilli()).execute());
    }

    /** The items {@code server} holds are still being worked on: their claims are not stale. */
    int heartbeat(String server, Instant now) {
        return jdbi.inTransaction(h -> h.createUpdate("UPDATE replay_item SET heartbeat_at = :now WHERE status = 'running' "
                + "AND claimed_by = :server").bind("now", now.toEpochMilli()).bind("server", server).execute());
    }

    /** Gives back the items {@code server} holds (it is stopping): they are pending again for any server. */
    int release(String server) {
        return jdbi.inTransaction(h -> h.createUpdate("UPDATE replay_item SET status = 'pending', claimed_by = NULL, "
                + "claimed_at = NULL, heartbeat_at = NULL WHERE status = 'running' AND claimed_by = :server").bind("server", server).execute());
    }

    /**
     * The result line of every done item of the run, in item order, a page at a time (never the whole run in
     * memory, and no transaction held open while a slow client downloads).
     */
    void results(long runId, Consumer<String> line) {
        resultLines(runId).forEachRemaining(line);
    }

    /** As {@link #results}, as an iterator that reads the next page when the last one is used up. */
    Iterator<String> resultLines(long runId) {
        return new Iterator<>() {
            private Iterator<Map.Entry<Long, String>> page = java.util.Collections.emptyIterator();
            private long after = -1;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !last) {
                    long from = after;
                    List<Map.Entry<Long, String>> rows = jdbi.withHandle(h -> h.createQuery("SELECT id, result FROM replay_item "
                                    + "WHERE run_id = :run AND status = 'done' AND id > :after ORDER BY id LIMIT :n")
                            .bind("run", runId).bind("after", from).bind("n", RESULT_PAGE)
                            .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("result"))).list());
                    last = rows.size() < RESULT_PAGE;
                    if (!rows.isEmpty()) {
                        after = rows.get(rows.size() - 1).getKey();
                    }
                    page = rows.iterator();
                }
                return page.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.next().getValue();
            }
        };
    }

    private static StoredRun run(ResultSet rs, StatementContext ctx) throws SQLException {
        long finished = rs.getLong("finished_at");
        Optional<Instant> finishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
        return new StoredRun(rs.getLong("id"), rs.getString("name"), rs.getLong("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), FilterJson.read(rs.getString("filter")),
                FilterJson.readIds(rs.getString("target_ids")), FilterJson.readIds(rs.getString("judge_ids")),
                rs.getInt("samples"), rs.getString("suite_version"), rs.getString("status"), rs.getLong("total"), finishedAt);
    }
}
