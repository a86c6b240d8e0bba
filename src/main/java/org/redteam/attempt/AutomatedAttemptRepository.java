package org.redteam.attempt;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.conversation.Message;

/**
 * Conversations of automation workers with targets (tables {@code automated_attempt}, {@code automated_turn}), kept
 * apart from the human attempts of {@link AttemptRepository}.
 */
public final class AutomatedAttemptRepository {
    private final Jdbi jdbi;

    public AutomatedAttemptRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** One stored exchange of an automated attempt. */
    public record AutomatedTurn(int index, String human, String assistant, String finishReason) {
    }

    /** One automated attempt with its turns in order. */
    public record AutomatedAttempt(long id, long campaignId, long targetRowId, long workerId, Instant createdAt,
                                   List<AutomatedTurn> turns) {
        public AutomatedAttempt {
            turns = List.copyOf(turns);
        }

        /** The conversation as sent and answered, for the released layout ({@code conversation.Transcript}). */
        public List<Message> messages() {
            return turns.stream().flatMap(t -> java.util.stream.Stream.of(Message.human(t.human()), Message.assistant(t.assistant())))
                    .toList();
        }
    }

    /** The newest attempt of this worker on this target whose conversation so far hashes to {@code hash}. */
    Optional<Long> continuing(Handle h, long workerId, long targetRowId, String hash) {
        return h.createQuery("SELECT id FROM automated_attempt WHERE worker_id = :w AND target_id = :t "
                        + "AND conversation_hash = :hash ORDER BY id DESC LIMIT 1")
                .bind("w", workerId).bind("t", targetRowId).bind("hash", hash).mapTo(Long.class).findOne();
    }

    long insertAttempt(Handle h, long campaignId, long targetRowId, long workerId, String hash, Instant now) {
        return h.createUpdate("INSERT INTO automated_attempt (campaign_id, target_id, worker_id, conversation_hash, "
                        + "created_at, updated_at) VALUES (:c, :t, :w, :hash, :now, :now)")
                .bind("c", campaignId).bind("t", targetRowId).bind("w", workerId).bind("hash", hash)
                .bind("now", now.toEpochMilli()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Moves the attempt to its new conversation hash, only if it still has {@code expected}; false if another request did first. */
    boolean advance(Handle h, long attemptId, String expected, String hash, Instant now) {
        return h.createUpdate("UPDATE automated_attempt SET conversation_hash = :hash, updated_at = :now "
                        + "WHERE id = :id AND conversation_hash = :expected")
                .bind("hash", hash).bind("now", now.toEpochMilli()).bind("id", attemptId).bind("expected", expected)
                .execute() == 1;
    }

    int turnCount(Handle h, long attemptId) {
        return h.createQuery("SELECT COUNT(*) FROM automated_turn WHERE attempt_id = :a").bind("a", attemptId)
                .mapTo(Integer.class).one();
    }

    void insertTurn(Handle h, long attemptId, int index, String human, String assistant, String finishReason, Instant now) {
        h.createUpdate("INSERT INTO automated_turn (attempt_id, turn_index, human, assistant, finish_reason, created_at) "
                        + "VALUES (:a, :i, :human, :assistant, :finish, :now)")
                .bind("a", attemptId).bind("i", index).bind("human", human).bind("assistant", assistant)
                .bind("finish", finishReason).bind("now", now.toEpochMilli()).execute();
    }

    public Optional<AutomatedAttempt> find(long id) {
        return jdbi.withHandle(h -> {
            List<AutomatedTurn> turns = turns(h, id);
            return h.createQuery("SELECT * FROM automated_attempt WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> new AutomatedAttempt(rs.getLong("id"), rs.getLong("campaign_id"), rs.getLong("target_id"),
                            rs.getLong("worker_id"), Instant.ofEpochMilli(rs.getLong("created_at")), turns))
                    .findOne();
        });
    }

    /** Every automated attempt of the campaign that has a turn, oldest first (ids only: read each with {@link #find}). */
    public List<Long> ids(long campaignId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM automated_attempt a WHERE campaign_id = :c "
                        + "AND EXISTS (SELECT 1 FROM automated_turn t WHERE t.attempt_id = a.id) ORDER BY id")
                .bind("c", campaignId).mapTo(Long.class).list());
    }

    /** An automated attempt as exports write it: its worker, its target's labels, its conversation. */
    public record Exported(long id, long workerId, String modelType, String size, boolean demo, List<Message> messages) {
    }

    /** Every automated attempt with a turn, in id order, read in chunks of {@code chunk}. Returns how many. */
    public long forEachExported(int chunk, java.util.function.Consumer<Exported> sink) {
        long count = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Exported> rows = jdbi.withHandle(h -> {
                List<Exported> heads = h.createQuery("SELECT a.id, a.worker_id, t.model_type, t.size, t.demo FROM automated_attempt a "
                                + "JOIN target t ON t.id = a.target_id WHERE a.id > :after "
                                + "AND EXISTS (SELECT 1 FROM automated_turn x WHERE x.attempt_id = a.id) ORDER BY a.id LIMIT :n")
                        .bind("after", from).bind("n", chunk)
                        .map((rs, ctx) -> new Exported(rs.getLong("id"), rs.getLong("worker_id"), rs.getString("model_type"),
                                rs.getString("size"), rs.getBoolean("demo"), List.of()))
                        .list();
                return heads.stream().map(e -> new Exported(e.id(), e.workerId(), e.modelType(), e.size(), e.demo(),
                        new AutomatedAttempt(e.id(), 0, 0, e.workerId(), Instant.EPOCH, turns(h, e.id())).messages())).toList();
            });
            if (rows.isEmpty()) {
                return count;
            }
            rows.forEach(sink);
            count += rows.size();
            after = rows.get(rows.size() - 1).id();
        }
    }

    private static List<AutomatedTurn> turns(Handle h, long attemptId) {
        return h.createQuery("SELECT turn_index, human, assistant, finish_reason FROM automated_turn WHERE attempt_id = :a "
                        + "ORDER BY turn_index")
                .bind("a", attemptId)
                .map((rs, ctx) -> new AutomatedTurn(rs.getInt("turn_index"), rs.getString("human"), rs.getString("assistant"),
                        rs.getString("finish_reason")))
                .list();
    }
}
