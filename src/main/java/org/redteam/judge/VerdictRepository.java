package org.redteam.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code verdict} table: per attempt × judge a verdict on the whole attempt ({@code turn_index} NULL) and one
 * per assistant turn. Saving a judge's verdicts on an attempt replaces what that judge stored before, in one
 * transaction.
 */
public final class VerdictRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "v.attempt_id, t.target_key, v.judge_id, v.turn_index, v.judge_version, "
            + "v.outcome, v.score, v.tags, v.rationale, v.judged_at";
    private static final String FROM = " FROM verdict v JOIN attempt a ON a.id = v.attempt_id JOIN target t ON t.id = a.target_id ";
    private static final String ORDER = " ORDER BY v.attempt_id, v.judge_id, CASE WHEN v.turn_index IS NULL THEN -1 ELSE v.turn_index END";

    private final Jdbi jdbi;

    public VerdictRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores a judge's verdicts on an attempt ({@code verdict}'s judge id), replacing any it stored before. */
    public void save(long attemptId, Verdict verdict, List<Verdict> turns, Instant judgedAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM verdict WHERE attempt_id = :attempt AND judge_id = :judge")
                    .bind("attempt", attemptId).bind("judge", verdict.judgeId()).execute();
            PreparedBatch batch = h.prepareBatch("INSERT INTO verdict (attempt_id, judge_id, turn_index, judge_version, "
                    + "outcome, score, tags, rationale, judged_at) VALUES (:attempt, :judge, :turn, :version, :outcome, "
                    + ":score, :tags, :rationale, :at)");
            add(batch, attemptId, verdict.judgeId(), null, verdict, judgedAt);
            for (int i = 0; i < turns.size(); i++) {
                add(batch, attemptId, verdict.judgeId(), i, turns.get(i), judgedAt);
            }
            batch.execute();
        });
    }

    private static void add(PreparedBatch batch, long attemptId, String judgeId, Integer turn, Verdict v, Instant at) {
        batch.bind("attempt", attemptId).bind("judge", judgeId).bind("turn", turn).bind("version", v.judgeVersion())
                .bind("outcome", v.outcome().code())
                .bind("score", v.score().isPresent() ? v.score().getAsDouble() : null)
                .bind("tags", tagsJson(v.tags())).bind("rationale", v.rationale()).bind("at", at.toEpochMilli()).add();
    }

    /**
     * The submitted attempts a judge has to judge: those without its verdict of this version, or all of them
     * ({@code all}); of one campaign when given.
     */
    private static String pending(boolean all, OptionalLong campaign) {
        return "a.status = 'submitted'" + (campaign.isPresent() ? " AND a.campaign_id = :campaign" : "")
                + (all ? "" : " AND NOT EXISTS (SELECT 1 FROM verdict v WHERE v.attempt_id = a.id "
                        + "AND v.judge_id = :judge AND v.judge_version = :version AND v.turn_index IS NULL)");
    }

    /** Binds what {@link #pending} names: the campaign when given, the judge unless {@code all}. */
    private static Query bind(Query q, Judge judge, boolean all, OptionalLong campaign) {
        campaign.ifPresent(c -> q.bind("campaign", c));
        return all ? q : q.bind("judge", judge.id()).bind("version", judge.version());
    }

    /** How many submitted attempts {@code judge} has to judge (see {@link #next}). */
    public long count(Judge judge, boolean all, OptionalLong campaign) {
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT COUNT(*) FROM attempt a WHERE " + pending(all, campaign)),
                judge, all, campaign).mapTo(Long.class).one());
    }

    /**
     * Up to {@code limit} ids above {@code afterId}, in id order, of the submitted attempts without a verdict of
     * this judge's id and version ({@code all}: every submitted attempt), of {@code campaign} when given.
     */
    public List<Long> next(Judge judge, boolean all, OptionalLong campaign, long afterId, int limit) {
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT a.id FROM attempt a WHERE " + pending(all, campaign)
                + " AND a.id > :after ORDER BY a.id LIMIT :limit"), judge, all, campaign)
                .bind("after", afterId).bind("limit", limit).mapTo(Long.class).list());
    }

    /** Every judge's verdicts on one attempt, by judge id. */
    public List<AttemptVerdict> ofAttempt(long attemptId) {
        return jdbi.withHandle(h -> group(h.createQuery("SELECT " + COLUMNS + FROM + "WHERE v.attempt_id = :attempt" + ORDER)
                .bind("attempt", attemptId).map(VerdictRepository::row).list()));
    }

    /**
     * The verdicts on up to {@code attempts} attempts with ids above {@code afterId} that have any, in attempt then
     * judge order (what {@code export --format verdicts} reads, chunk by chunk).
     */
    public List<AttemptVerdict> after(long afterId, int attempts) {
        return jdbi.withHandle(h -> group(h.createQuery("SELECT " + COLUMNS + FROM + "WHERE v.attempt_id IN (SELECT "
                        + "DISTINCT attempt_id FROM verdict WHERE attempt_id > :after ORDER BY attempt_id LIMIT :limit)" + ORDER)
                .bind("after", afterId).bind("limit", attempts).map(VerdictRepository::row).list()));
    }

    /** Every verdict of one judge, in attempt order (calibration and the dashboard read a judge's verdicts whole). */
    public List<AttemptVerdict> ofJudge(String judgeId) {
        return ofJudge(judgeId, OptionalLong.empty());
    }

    /** As {@link #ofJudge(String)}, only on the attempts of {@code campaign} when given. */
    public List<AttemptVerdict> ofJudge(String judgeId, OptionalLong campaign) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT " + COLUMNS + FROM + "WHERE v.judge_id = :judge"
                    + (campaign.isPresent() ? " AND a.campaign_id = :campaign" : "") + ORDER).bind("judge", judgeId);
            campaign.ifPresent(c -> q.bind("campaign", c));
            return group(q.map(VerdictRepository::row).list());
        });
    }

    /** The ids of the judges that have stored verdicts, in name order. */
    public List<String> judgeIds() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT judge_id FROM verdict ORDER BY judge_id")
                .mapTo(String.class).list());
    }

    private record Row(long attemptId, String targetId, Integer turn, Verdict verdict, Instant judgedAt) {
    }

    private static Row row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        int turn = rs.getInt("turn_index");
        Integer turnIndex = rs.wasNull() ? null : turn;
        double score = rs.getDouble("score");
        OptionalDouble s = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(score);
        Verdict v = new Verdict(rs.getString("judge_id"), rs.getString("judge_version"),
                Outcome.ofCode(rs.getString("outcome")).orElse(Outcome.UNDETERMINED), s, tags(rs.getString("tags")),
                rs.getString("rationale"));
        return new Row(rs.getLong("attempt_id"), rs.getString("target_key"), turnIndex, v,
                Instant.ofEpochMilli(rs.getLong("judged_at")));
    }

    /** Rows in attempt, judge, turn order (the attempt's own row first) as one value per attempt × judge. */
    private static List<AttemptVerdict> group(List<Row> rows) {
        Map<String, Row> heads = new LinkedHashMap<>();
        Map<String, List<AttemptVerdict.TurnVerdict>> turns = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.attemptId() + "\u0000" + r.verdict().judgeId();
            if (r.turn() == null) {
                heads.put(key, r);
                turns.putIfAbsent(key, new ArrayList<>());
            } else if (turns.containsKey(key)) {
                turns.get(key).add(new AttemptVerdict.TurnVerdict(r.turn(), r.verdict()));
            }
        }
        List<AttemptVerdict> out = new ArrayList<>(heads.size());
        heads.forEach((key, r) -> out.add(new AttemptVerdict(r.attemptId(), r.targetId(), r.verdict(), r.judgedAt(), turns.get(key))));
        return out;
    }

    private static String tagsJson(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tags as JSON", e);
        }
    }

    private static List<String> tags(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored verdict's tags are not a JSON array: " + json, e);
        }
    }
}
