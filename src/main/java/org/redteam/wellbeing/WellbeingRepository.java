package org.redteam.wellbeing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Well-being survey answers; read back only as aggregates, never per named person. */
public final class WellbeingRepository {
    private final Jdbi jdbi;

    public WellbeingRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Surveys of this kind the worker answered in the campaign. */
    public int answered(Handle h, long campaignId, long workerId, TaskKind kind) {
        return h.createQuery("SELECT COUNT(*) FROM wellbeing_survey WHERE campaign_id = :c AND worker_id = :w AND task_kind = :k")
                .bind("c", campaignId).bind("w", workerId).bind("k", kind.label()).mapTo(Integer.class).one();
    }

    public long insert(Handle h, long campaignId, long workerId, TaskKind kind, int sequence, Map<String, Integer> answers,
                       Optional<String> freeText, Instant now) {
        long id = h.createUpdate("INSERT INTO wellbeing_survey (campaign_id, worker_id, task_kind, sequence, answered_at, free_text) "
                        + "VALUES (:c, :w, :k, :seq, :now, :text)")
                .bind("c", campaignId).bind("w", workerId).bind("k", kind.label()).bind("seq", sequence)
                .bind("now", now.toEpochMilli()).bind("text", freeText.orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        answers.forEach((item, value) -> h.createUpdate("INSERT INTO wellbeing_answer (survey_id, item, value) VALUES (:s, :i, :v)")
                .bind("s", id).bind("i", item).bind("v", value).execute());
        return id;
    }

    /**
     * Per UTC day and task kind (empty = both): surveys answered, by how many people, and the mean of each item,
     * oldest day first; the means only for days on which at least {@code minGroup} people answered.
     */
    public List<SurveyDay> daily(long campaignId, Optional<TaskKind> kind, int minGroup) {
        return jdbi.withHandle(h -> {
            Map<LocalDate, Map<String, double[]>> sums = new LinkedHashMap<>();
            Map<LocalDate, java.util.Set<Long>> surveys = new LinkedHashMap<>();
            Map<LocalDate, java.util.Set<Long>> people = new LinkedHashMap<>();
            h.createQuery("SELECT s.id, s.answered_at, a.item, a.value, s.worker_id FROM wellbeing_survey s JOIN wellbeing_answer a "
                            + "ON a.survey_id = s.id WHERE s.campaign_id = :c" + (kind.isPresent() ? " AND s.task_kind = :k" : "")
                            + " ORDER BY s.answered_at")
                    .bind("c", campaignId).bind("k", kind.map(TaskKind::label).orElse(""))
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5)})
                    .forEach(row -> {
                        LocalDate day = Instant.ofEpochMilli((Long) row[1]).atZone(ZoneOffset.UTC).toLocalDate();
                        double[] sum = sums.computeIfAbsent(day, d -> new LinkedHashMap<>())
                                .computeIfAbsent((String) row[2], i -> new double[2]);
                        sum[0] += (Integer) row[3];
                        sum[1]++;
                        surveys.computeIfAbsent(day, d -> new java.util.HashSet<>()).add((Long) row[0]);
                        people.computeIfAbsent(day, d -> new java.util.HashSet<>()).add((Long) row[4]);
                    });
            List<SurveyDay> days = new ArrayList<>();
            sums.forEach((day, items) -> {
                Map<String, Double> means = new LinkedHashMap<>();
                int respondents = people.get(day).size();
                if (respondents >= minGroup) {
                    items.forEach((item, s) -> means.put(item, s[0] / s[1]));
                }
                days.add(new SurveyDay(day, surveys.get(day).size(), respondents, means));
            });
            return days;
        });
    }

    /** Free-text remarks, newest first, with their day only: no names, no times of day. */
    public List<Map.Entry<LocalDate, String>> remarks(long campaignId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT answered_at, free_text FROM wellbeing_survey WHERE campaign_id = :c "
                        + "AND free_text IS NOT NULL ORDER BY answered_at DESC LIMIT :n")
                .bind("c", campaignId).bind("n", limit)
                .map((rs, ctx) -> Map.entry(Instant.ofEpochMilli(rs.getLong(1)).atZone(ZoneOffset.UTC).toLocalDate(), rs.getString(2)))
                .list());
    }

    /** Reviews the worker answered in the campaign (skips do not count). */
    public int answeredCount(Handle h, long reviewerId, long campaignId) {
        return h.createQuery("SELECT COUNT(*) FROM review_task t JOIN attempt a ON a.id = t.attempt_id "
                        + "WHERE t.reviewer_id = :r AND a.campaign_id = :c AND t.status = 'answered'")
                .bind("r", reviewerId).bind("c", campaignId).mapTo(Integer.class).one();
    }

    /** Attempts the worker submitted in the campaign on this platform. */
    public int submittedCount(Handle h, long workerId, long campaignId) {
        return h.createQuery("SELECT COUNT(*) FROM attempt WHERE worker_id = :w AND campaign_id = :c "
                        + "AND status = 'submitted' AND source = 'platform'")
                .bind("w", workerId).bind("c", campaignId).mapTo(Integer.class).one();
    }

    /** When the worker began tasks since {@code since}: review claims and attempt starts, oldest first. */
    public List<Instant> activity(Handle h, long workerId, Instant since) {
        return h.createQuery("SELECT claimed_at AS at FROM review_task WHERE reviewer_id = :w AND claimed_at >= :since "
                        + "UNION ALL SELECT created_at AS at FROM attempt WHERE worker_id = :w AND source = 'platform' "
                        + "AND created_at >= :since ORDER BY at")
                .bind("w", workerId).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Instant.ofEpochMilli(rs.getLong(1))).list();
    }
}
