package org.redteam.demographics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The questionnaire's responses (answered or skipped) and answers; linked to nothing but the worker. */
public final class DemographicsRepository {
    /** People who gave {@code answer} to {@code questionId}. */
    public record Count(String questionId, String answer, long people) {
    }

    private final Jdbi jdbi;

    public DemographicsRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** 'answered' or 'skipped', or empty when the worker has not responded in the campaign yet. */
    Optional<String> status(long campaignId, long workerId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT status FROM demographics_response WHERE campaign_id = :c AND worker_id = :w")
                .bind("c", campaignId).bind("w", workerId).mapTo(String.class).findOne());
    }

    /**
     * Stores the worker's one response with its answers (none when skipped), in one transaction. A second response
     * (another tab) changes nothing: returns false.
     */
    boolean save(long campaignId, long workerId, String status, Map<String, String> answers, Instant at) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("INSERT INTO demographics_response (campaign_id, worker_id, status, responded_at) "
                            + "VALUES (:c, :w, :s, :at) ON CONFLICT (campaign_id, worker_id) DO NOTHING")
                    .bind("c", campaignId).bind("w", workerId).bind("s", status).bind("at", at.toEpochMilli()).execute();
            if (inserted == 0) {
                return false;
            }
            for (Map.Entry<String, String> a : answers.entrySet()) {
                h.createUpdate("INSERT INTO demographics_answer (campaign_id, worker_id, question_id, answer) "
                                + "VALUES (:c, :w, :q, :a)")
                        .bind("c", campaignId).bind("w", workerId).bind("q", a.getKey()).bind("a", a.getValue()).execute();
            }
            return true;
        });
    }

    /** People per status ('answered', 'skipped') in one campaign, or in every campaign when empty. */
    public static Map<String, Long> responses(Handle h, OptionalLong campaignId) {
        var query = h.createQuery("SELECT status, COUNT(*) FROM demographics_response"
                + (campaignId.isPresent() ? " WHERE campaign_id = :c" : "") + " GROUP BY status");
        campaignId.ifPresent(c -> query.bind("c", c));
        return query.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** People per question and answer in one campaign, or in every campaign when empty; ordered by question, answer. */
    public static List<Count> counts(Handle h, OptionalLong campaignId) {
        var query = h.createQuery("SELECT question_id, answer, COUNT(*) FROM demographics_answer"
                + (campaignId.isPresent() ? " WHERE campaign_id = :c" : "")
                + " GROUP BY question_id, answer ORDER BY question_id, answer");
        campaignId.ifPresent(c -> query.bind("c", c));
        return query.map((rs, ctx) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    Map<String, Long> responses(long campaignId) {
        return jdbi.withHandle(h -> responses(h, OptionalLong.of(campaignId)));
    }

    List<Count> counts(long campaignId) {
        return jdbi.withHandle(h -> counts(h, OptionalLong.of(campaignId)));
    }
}
