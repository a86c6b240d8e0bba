package org.redteam.attempt;

import org.redteam.conversation.Comparison;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.storage.Rows;
import org.redteam.backend.Completion;
import org.redteam.backend.Sample;

/** Attempts, turns and candidates of the red-team task. */
public final class AttemptRepository {
    private final Jdbi jdbi;

    public AttemptRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    long insertPlatformAttempt(Handle h, long campaignId, long targetId, long workerId, long setId, int position,
                               long assignmentSeq, String taskDescription, Instant now) {
        long id = h.createUpdate("INSERT INTO attempt (campaign_id, target_id, worker_id, work_set_id, set_position, "
                        + "assignment_seq, source, task_description, status, is_upworker, tags_listed, created_at) "
                        + "VALUES (:c, :t, :w, :s, :pos, :seq, 'platform', :task, 'open', FALSE, FALSE, :now)")
                .bind("c", campaignId).bind("t", targetId).bind("w", workerId).bind("s", setId).bind("pos", position)
                .bind("seq", assignmentSeq).bind("task", taskDescription).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.createUpdate("UPDATE target SET platform_attempts = platform_attempts + 1 WHERE id = :t").bind("t", targetId).execute();
        return id;
    }

    public Optional<Long> openAttempt(Handle h, long workerId, long campaignId) {
        return h.createQuery("SELECT id FROM attempt WHERE worker_id = :w AND campaign_id = :c AND status = 'open' "
                        + "ORDER BY id LIMIT 1")
                .bind("w", workerId).bind("c", campaignId).mapTo(Long.class).findOne();
    }

    public Optional<Long> openAttempt(long workerId, long campaignId) {
        return jdbi.withHandle(h -> openAttempt(h, workerId, campaignId));
    }

    public Optional<Attempt> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** Who owns the attempt and whether it is open, without its turns: the cheap check before a change. */
    record Owner(long workerId, AttemptStatus status) {
    }

    Optional<Owner> owner(Handle h, long id) {
        return h.createQuery("SELECT worker_id, status FROM attempt WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Owner(rs.getLong("worker_id"), AttemptStatus.parse(rs.getString("status"))))
                .findOne();
    }

    /** Whether the attempt has a turn with this index. */
    boolean hasTurn(Handle h, long attemptId, int index) {
        return h.createQuery("SELECT COUNT(*) FROM turn WHERE attempt_id = :a AND turn_index = :i")
                .bind("a", attemptId).bind("i", index).mapTo(Integer.class).one() > 0;
    }

    public Optional<Attempt> find(Handle h, long id) {
        List<Turn> turns = turns(h, id);
        return h.createQuery("SELECT * FROM attempt WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> attempt(rs, turns)).findOne();
    }

    private static Attempt attempt(ResultSet rs, List<Turn> turns) throws SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("campaign_id"), rs.getLong("target_id"), rs.getLong("worker_id"),
                Rows.optionalLong(rs, "work_set_id"),
                Rows.optionalInt(rs, "set_position"),
                rs.getString("task_description"), AttemptStatus.parse(rs.getString("status")),
                Rows.optionalDouble(rs, "rating"), turns,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Rows.optionalLong(rs, "submitted_at").map(Instant::ofEpochMilli),
                new Attempt.Scores(Rows.optionalDouble(rs, "min_harmlessness"),
                        Rows.optionalDouble(rs, "task_description_harmlessness"),
                        Optional.ofNullable(rs.getString("scored_by"))));
    }

    /** A turn joined with one of its candidates (null when it has none). */
    private record TurnRow(int index, String message, String moreHarmful, Candidate candidate) {
    }

    /** The turns of an attempt with both candidates, in order: one query. */
    public List<Turn> turns(Handle h, long attemptId) {
        List<TurnRow> rows = h.createQuery("SELECT t.turn_index, t.message, t.more_harmful, c.side, c.text, c.backend, "
                        + "c.latency_ms, c.finish_reason FROM turn t LEFT JOIN candidate c ON c.turn_id = t.id "
                        + "WHERE t.attempt_id = :a ORDER BY t.turn_index, c.side")
                .bind("a", attemptId)
                .map((rs, ctx) -> new TurnRow(rs.getInt("turn_index"), rs.getString("message"), rs.getString("more_harmful"),
                        rs.getString("side") == null ? null : new Candidate(Side.parse(rs.getString("side")), rs.getString("text"),
                                rs.getString("backend"), rs.getLong("latency_ms"), rs.getString("finish_reason"))))
                .list();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < rows.size(); ) {
            TurnRow first = rows.get(i);
            Map<Side, Candidate> pair = new java.util.EnumMap<>(Side.class);
            for (; i < rows.size() && rows.get(i).index() == first.index(); i++) {
                Candidate c = rows.get(i).candidate();
                if (c != null) {
                    pair.put(c.side(), c);
                }
            }
            turns.add(new Turn(first.index(), first.message(), pair.get(Side.A), pair.get(Side.B),
                    Optional.ofNullable(first.moreHarmful()).map(Side::parse)));
        }
        return turns;
    }

    /** Stores the turn with both candidates (and any rejection-sampling samples) and returns it as stored. */
    Turn insertTurn(Handle h, long attemptId, int index, String message, Completion a, Completion b, Instant now) {
        long turnId = h.createUpdate("INSERT INTO turn (attempt_id, turn_index, message, created_at) "
                        + "VALUES (:a, :i, :m, :now)")
                .bind("a", attemptId).bind("i", index).bind("m", message).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        var pair = h.prepareBatch("INSERT INTO candidate (turn_id, side, text, backend, latency_ms, finish_reason) "
                + "VALUES (:t, :side, :text, :backend, :latency, :finish)");
        for (Side side : Side.values()) {
            Completion c = side == Side.A ? a : b;
            pair.bind("t", turnId).bind("side", side.name()).bind("text", c.text()).bind("backend", c.backend())
                    .bind("latency", c.latencyMillis()).bind("finish", c.finishReason()).add();
        }
        pair.execute();
        List<Sample> samples = a.samples().isEmpty() ? b.samples() : a.samples();
        if (!samples.isEmpty()) {
            var batch = h.prepareBatch("INSERT INTO turn_sample (turn_id, position, text, harmlessness) "
                    + "VALUES (:t, :position, :text, :score)");
            for (int i = 0; i < samples.size(); i++) {
                batch.bind("t", turnId).bind("position", i).bind("text", samples.get(i).text())
                        .bind("score", samples.get(i).harmlessness()).add();
            }
            batch.execute();
        }
        return new Turn(index, message, candidate(Side.A, a), candidate(Side.B, b), Optional.empty());
    }

    private static Candidate candidate(Side side, Completion c) {
        return new Candidate(side, c.text(), c.backend(), c.latencyMillis(), c.finishReason());
    }

    /** Rejection-sampling samples of an attempt's turns, by turn index, in drawing order (admins only). */
    public Map<Integer, List<Sample>> samples(long attemptId) {
        Map<Integer, List<Sample>> samples = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT t.turn_index, s.text, s.harmlessness FROM turn_sample s "
                        + "JOIN turn t ON t.id = s.turn_id WHERE t.attempt_id = :a ORDER BY t.turn_index, s.position")
                .bind("a", attemptId)
                .map((rs, ctx) -> Map.entry(rs.getInt("turn_index"), new Sample(rs.getString("text"), rs.getDouble("harmlessness"))))
                .forEach(e -> samples.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return samples;
    }

    /** Records the pick if the turn has none yet; true when this call recorded it. */
    boolean choose(Handle h, long attemptId, int index, Side side, Instant now) {
        return h.createUpdate("UPDATE turn SET more_harmful = :side, chosen_at = :now "
                        + "WHERE attempt_id = :a AND turn_index = :i AND more_harmful IS NULL")
                .bind("side", side.name()).bind("now", now.toEpochMilli()).bind("a", attemptId).bind("i", index)
                .execute() == 1;
    }

    /**
     * Takes the attempt's row lock until the transaction ends (a no-op write), so that changes to its
     * turns that check one another (a new turn, undoing a pick, submitting) run one after the other on
     * PostgreSQL too; SQLite has one writer anyway.
     */
    void lock(Handle h, long attemptId) {
        h.createUpdate("UPDATE attempt SET status = status WHERE id = :id").bind("id", attemptId).execute();
    }

    /** The side picked in the turn, if it has a pick. */
    Optional<Side> chosenSide(Handle h, long attemptId, int index) {
        return h.createQuery("SELECT more_harmful FROM turn WHERE attempt_id = :a AND turn_index = :i")
                .bind("a", attemptId).bind("i", index).mapTo(String.class).findOne().flatMap(Optional::ofNullable)
                .map(Side::parse);
    }

    /**
     * Clears the turn's pick if it was made at or after {@code pickedSince} and no later turn exists;
     * true when this call cleared it. The pick lives only in these two columns: comparisons, exports
     * and preference-model training read it from here.
     */
    boolean undoChoice(Handle h, long attemptId, int index, Instant pickedSince) {
        return h.createUpdate("UPDATE turn SET more_harmful = NULL, chosen_at = NULL "
                        + "WHERE attempt_id = :a AND turn_index = :i AND more_harmful IS NOT NULL AND chosen_at >= :since "
                        + "AND NOT EXISTS (SELECT 1 FROM turn later WHERE later.attempt_id = :a AND later.turn_index > :i)")
                .bind("a", attemptId).bind("i", index).bind("since", pickedSince.toEpochMilli()).execute() == 1;
    }

    /** When the turn's pick was made, if it has one. */
    Optional<Instant> chosenAt(Handle h, long attemptId, int index) {
        return h.createQuery("SELECT chosen_at FROM turn WHERE attempt_id = :a AND turn_index = :i")
                .bind("a", attemptId).bind("i", index).mapTo(Long.class).findOne().flatMap(Optional::ofNullable)
                .map(Instant::ofEpochMilli);
    }

    /** Submits the attempt with its rating if it is still open; true when this call submitted it. */
    boolean submit(Handle h, long attemptId, int rating, Instant now) {
        return h.createUpdate("UPDATE attempt SET status = 'submitted', rating = :r, submitted_at = :now "
                        + "WHERE id = :id AND status = 'open'")
                .bind("r", (double) rating).bind("now", now.toEpochMilli()).bind("id", attemptId).execute() == 1;
    }

    /**
     * Every pick of every platform attempt (open or submitted), in attempt and turn order: the
     * harmlessness comparisons the preference model trains on.
     */
    public List<Comparison> comparisons() {
        return jdbi.withHandle(h -> {
            List<Comparison> comparisons = new ArrayList<>();
            for (long id : h.createQuery("SELECT id FROM attempt WHERE source = 'platform' ORDER BY id").mapTo(Long.class).list()) {
                List<Turn> turns = turns(h, id);
                List<Turn> picked = turns.stream().filter(t -> t.moreHarmful().isPresent()).toList();
                List<org.redteam.conversation.Exchange> exchanges = Turn.transcript(turns).exchanges();
                for (int i = 0; i < picked.size(); i++) {
                    picked.get(i).comparison(exchanges.get(i).context()).ifPresent(comparisons::add);
                }
            }
            return comparisons;
        });
    }

    /** The newest platform attempts of the campaign, for the admin view. */
    public List<AttemptSummary> recent(long campaignId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.id, a.worker_id, w.name, t.target_key, t.demo, a.status, a.rating, "
                        + "a.created_at, (SELECT COUNT(*) FROM turn WHERE turn.attempt_id = a.id) AS turns "
                        + "FROM attempt a JOIN worker w ON w.id = a.worker_id JOIN target t ON t.id = a.target_id "
                        + "WHERE a.campaign_id = :c ORDER BY a.id DESC LIMIT :limit")
                .bind("c", campaignId).bind("limit", limit)
                .map((rs, ctx) -> new AttemptSummary(rs.getLong("id"), rs.getLong("worker_id"), rs.getString("name"),
                        rs.getString("target_key"), rs.getBoolean("demo"), AttemptStatus.parse(rs.getString("status")),
                        Rows.optionalDouble(rs, "rating"), rs.getInt("turns"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }
}
