package org.redteam.attempt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Red teamers' signals: tables {@code turn_flag} and {@code attempt_expertise} (V13). */
public final class SignalRepository {
    private final Jdbi jdbi;

    public SignalRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Flags the turn, or replaces the reason of its flag. */
    void flag(Handle h, long attemptId, int turn, String reason, Instant at) {
        int changed = h.createUpdate("UPDATE turn_flag SET reason = :r, flagged_at = :at WHERE attempt_id = :a AND turn_index = :t")
                .bind("r", reason).bind("at", at.toEpochMilli()).bind("a", attemptId).bind("t", turn).execute();
        if (changed == 0) {
            h.createUpdate("INSERT INTO turn_flag (attempt_id, turn_index, reason, flagged_at) VALUES (:a, :t, :r, :at)")
                    .bind("r", reason).bind("at", at.toEpochMilli()).bind("a", attemptId).bind("t", turn).execute();
        }
    }

    /** Removes the turn's flag; whether there was one. */
    boolean unflag(Handle h, long attemptId, int turn) {
        return h.createUpdate("DELETE FROM turn_flag WHERE attempt_id = :a AND turn_index = :t")
                .bind("a", attemptId).bind("t", turn).execute() > 0;
    }

    /** Stores the expertise answer (replacing an earlier one), or clears it when {@code expertise} is empty. */
    void expertise(Handle h, long attemptId, Optional<Expertise> expertise, Instant at) {
        h.createUpdate("DELETE FROM attempt_expertise WHERE attempt_id = :a").bind("a", attemptId).execute();
        expertise.ifPresent(e -> h.createUpdate("INSERT INTO attempt_expertise (attempt_id, needed, area, answered_at) "
                        + "VALUES (:a, :needed, :area, :at)")
                .bind("a", attemptId).bind("needed", e.needed() ? "yes" : "no").bind("area", e.area().orElse(null))
                .bind("at", at.toEpochMilli()).execute());
    }

    public Signals of(long attemptId) {
        return jdbi.withHandle(h -> between(h, attemptId, attemptId).getOrDefault(attemptId, Signals.NONE));
    }

    /**
     * Every submitted platform attempt (of {@code campaign} when given), in id order, with its rating and signals;
     * empty when no red teamer has flagged a turn or answered the expertise question (nothing to analyse).
     */
    public List<SignedAttempt> submitted(java.util.OptionalLong campaign) {
        return jdbi.withHandle(h -> {
            boolean any = h.createQuery("SELECT (SELECT COUNT(*) FROM turn_flag) + (SELECT COUNT(*) FROM attempt_expertise)")
                    .mapTo(Long.class).one() > 0;
            if (!any) {
                return List.<SignedAttempt>of();
            }
            Map<Long, Signals> signals = between(h, 0, Long.MAX_VALUE);
            return h.createQuery("SELECT id, rating FROM attempt WHERE status = 'submitted' AND source = 'platform'"
                            + (campaign.isPresent() ? " AND campaign_id = :c" : "") + " ORDER BY id")
                    .bindMap(campaign.isPresent() ? Map.of("c", campaign.getAsLong()) : Map.of())
                    .map((rs, ctx) -> new SignedAttempt(rs.getLong("id"), rs.getDouble("rating"),
                            signals.getOrDefault(rs.getLong("id"), Signals.NONE)))
                    .list();
        });
    }

    /** The signals of the attempts with ids in [from, to]; attempts without any are absent. */
    public Map<Long, Signals> between(Handle h, long from, long to) {
        Map<Long, List<TurnFlag>> flags = new HashMap<>();
        h.createQuery("SELECT attempt_id, turn_index, reason FROM turn_flag WHERE attempt_id BETWEEN :f AND :t "
                        + "ORDER BY attempt_id, turn_index")
                .bind("f", from).bind("t", to)
                .map((rs, ctx) -> Map.entry(rs.getLong("attempt_id"), new TurnFlag(rs.getInt("turn_index"), rs.getString("reason"))))
                .forEach(e -> flags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<Long, Expertise> expertise = new HashMap<>();
        h.createQuery("SELECT attempt_id, needed, area FROM attempt_expertise WHERE attempt_id BETWEEN :f AND :t")
                .bind("f", from).bind("t", to)
                .map((rs, ctx) -> Map.entry(rs.getLong("attempt_id"),
                        new Expertise("yes".equals(rs.getString("needed")), Optional.ofNullable(rs.getString("area")))))
                .forEach(e -> expertise.put(e.getKey(), e.getValue()));
        Map<Long, Signals> signals = new HashMap<>();
        flags.forEach((id, f) -> signals.put(id, new Signals(f, Optional.ofNullable(expertise.get(id)))));
        expertise.forEach((id, e) -> signals.putIfAbsent(id, new Signals(List.of(), Optional.of(e))));
        return signals;
    }
}
