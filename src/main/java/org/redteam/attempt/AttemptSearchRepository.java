package org.redteam.attempt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.redteam.storage.Rows;

/**
 * The admin's attempt browser: one campaign's attempts filtered by {@link AttemptSearch}, newest first, a page at a
 * time. The SQL is built from fixed fragments only; every value is a bound parameter. The same SQL runs on SQLite and
 * PostgreSQL: {@code LOWER(..) LIKE .. ESCAPE '!'} with the pattern's own {@code ! % _} escaped.
 */
public final class AttemptSearchRepository {
    /** The LIKE escape character; a backslash would need escaping in Jdbi's SQL lexer and in some PostgreSQL settings. */
    static final char ESCAPE = '!';
    private static final String LIKE = " LIKE :text ESCAPE '" + ESCAPE + "'";

    private final Jdbi jdbi;

    public AttemptSearchRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public AttemptSearch.Page search(long campaignId, AttemptSearch search, int offset, int limit) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String where = where(campaignId, search, binds);
        String from = " FROM attempt a JOIN worker w ON w.id = a.worker_id JOIN target t ON t.id = a.target_id WHERE " + where;
        return jdbi.withHandle(h -> {
            Query count = h.createQuery("SELECT COUNT(*)" + from);
            binds.forEach(count::bind);
            long total = count.mapTo(Long.class).one();
            Query rows = h.createQuery("SELECT a.id, a.worker_id, w.name, t.target_key, a.status, a.rating, a.min_harmlessness, "
                    + "(SELECT COUNT(*) FROM turn WHERE turn.attempt_id = a.id) AS turns" + from
                    + " ORDER BY a.id DESC LIMIT :limit OFFSET :offset");
            binds.forEach(rows::bind);
            List<AttemptSearch.Row> list = rows.bind("limit", limit).bind("offset", offset)
                    .map((rs, ctx) -> new AttemptSearch.Row(rs.getLong("id"), rs.getString("target_key"), rs.getLong("worker_id"),
                            rs.getString("name"), AttemptStatus.parse(rs.getString("status")), rs.getInt("turns"),
                            Rows.optionalDouble(rs, "rating"), Rows.optionalDouble(rs, "min_harmlessness")))
                    .list();
            return new AttemptSearch.Page(list, total);
        });
    }

    private static String where(long campaignId, AttemptSearch s, Map<String, Object> binds) {
        List<String> and = new ArrayList<>();
        and.add("a.campaign_id = :campaign");
        binds.put("campaign", campaignId);
        s.targetKey().ifPresent(v -> {
            and.add("t.target_key = :target");
            binds.put("target", v);
        });
        s.rating().ifPresent(v -> {
            and.add("a.rating = :rating");
            binds.put("rating", (double) v);
        });
        s.minRating().ifPresent(v -> {
            and.add("a.rating >= :minRating");
            binds.put("minRating", (double) v);
        });
        s.reviewTag().ifPresent(v -> {
            and.add("EXISTS (SELECT 1 FROM review_task rt JOIN review_tag rg ON rg.task_id = rt.id "
                    + "WHERE rt.attempt_id = a.id AND rt.status = 'answered' AND rg.tag = :tag)");
            binds.put("tag", v);
        });
        s.memberId().ifPresent(v -> {
            and.add("a.worker_id = :member");
            binds.put("member", v);
        });
        s.memberName().ifPresent(v -> {
            and.add("LOWER(w.name) = :memberName");
            binds.put("memberName", v.toLowerCase(Locale.ROOT));
        });
        s.status().ifPresent(v -> {
            and.add("a.status = :status");
            binds.put("status", v.label());
        });
        s.verdictOutcome().ifPresent(v -> {
            and.add("EXISTS (SELECT 1 FROM verdict v WHERE v.attempt_id = a.id AND v.turn_index IS NULL AND v.outcome = :verdict)");
            binds.put("verdict", v);
        });
        s.text().ifPresent(v -> {
            and.add("(LOWER(a.task_description)" + LIKE + " OR LOWER(a.imported_transcript)" + LIKE
                    + " OR EXISTS (SELECT 1 FROM turn tu WHERE tu.attempt_id = a.id AND LOWER(tu.message)" + LIKE + ")"
                    + " OR EXISTS (SELECT 1 FROM turn tc JOIN candidate c ON c.turn_id = tc.id WHERE tc.attempt_id = a.id"
                    + " AND LOWER(c.text)" + LIKE + "))");
            binds.put("text", "%" + literal(v.toLowerCase(Locale.ROOT)) + "%");
        });
        return String.join(" AND ", and);
    }

    /** {@code text} as a LIKE pattern that matches itself only. */
    static String literal(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                b.append(ESCAPE);
            }
            b.append(c);
        }
        return b.toString();
    }
}
