package org.redteam.demographics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.redteam.config.DemographicsSettings;

/**
 * The crowd's make-up in aggregate only: per question, the people per answer, where an answer given by at least one
 * but fewer than {@code minGroup} people shows no count and no share ("fewer than 5"). Shares are of the people who
 * answered that question, suppressed counts included (they are in the denominator, never shown). When a question has
 * exactly one such answer, the smallest other answer given by anyone is withheld too ("withheld"): otherwise the
 * hidden count is the total (a shown count ÷ its share) minus the shown counts.
 *
 * @param answered people who sent the questionnaire (some questions may be left blank)
 * @param skipped  people who pressed Skip
 */
public record DemographicsReport(int minGroup, long answered, long skipped, List<QuestionRows> questions) {

    /** One question's answers in the order offered, then any stored answer no longer offered. */
    public record QuestionRows(String id, String text, List<Row> rows) {
    }

    /**
     * An answer; {@code people} and {@code share} (0–1) are empty when suppressed: because fewer than min_group people
     * gave it, or ({@code withheld}) to protect the one answer of its question that was.
     */
    public record Row(String answer, OptionalLong people, Optional<Double> share, boolean withheld) {
        public boolean suppressed() {
            return people.isEmpty();
        }

        static Row shown(String answer, long people, long total) {
            return new Row(answer, OptionalLong.of(people), total == 0 ? Optional.empty() : Optional.of((double) people / total), false);
        }

        static Row hidden(String answer, boolean withheld) {
            return new Row(answer, OptionalLong.empty(), Optional.empty(), withheld);
        }
    }

    public DemographicsReport {
        questions = List.copyOf(questions);
    }

    /**
     * Builds the report from stored counts; {@code questions} give the order and the text (a stored question id not
     * among them is listed under its id, its answers in stored order).
     */
    public static DemographicsReport of(List<DemographicsSettings.Question> questions, List<DemographicsRepository.Count> counts,
                                        Map<String, Long> responses, int minGroup) {
        Map<String, Map<String, Long>> byQuestion = new LinkedHashMap<>();
        for (DemographicsSettings.Question q : questions) {
            Map<String, Long> answers = new LinkedHashMap<>();
            q.choices().forEach(c -> answers.put(c, 0L));
            byQuestion.put(q.id(), answers);
        }
        for (DemographicsRepository.Count c : counts) {
            byQuestion.computeIfAbsent(c.questionId(), k -> new LinkedHashMap<>()).merge(c.answer(), c.people(), Long::sum);
        }
        List<QuestionRows> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> q : byQuestion.entrySet()) {
            String text = questions.stream().filter(x -> x.id().equals(q.getKey())).map(DemographicsSettings.Question::text)
                    .findFirst().orElse(q.getKey());
            rows.add(new QuestionRows(q.getKey(), text, rows(q.getValue(), minGroup)));
        }
        return new DemographicsReport(minGroup, responses.getOrDefault("answered", 0L), responses.getOrDefault("skipped", 0L),
                rows);
    }

    /** One question's rows: small answers suppressed, and a second one withheld when only one was. */
    private static List<Row> rows(Map<String, Long> answers, int minGroup) {
        long total = answers.values().stream().mapToLong(Long::longValue).sum();
        long small = answers.values().stream().filter(n -> n > 0 && n < minGroup).count();
        String withheld = small != 1 ? null : answers.entrySet().stream().filter(e -> e.getValue() >= minGroup)
                .min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        List<Row> rows = new ArrayList<>();
        answers.forEach((answer, n) -> rows.add(n > 0 && n < minGroup ? Row.hidden(answer, false)
                : answer.equals(withheld) ? Row.hidden(answer, true) : Row.shown(answer, n, total)));
        return rows;
    }

    /** "12", "fewer than 5", "withheld". */
    public static String people(Row row, int minGroup) {
        return row.people().isPresent() ? String.valueOf(row.people().getAsLong())
                : row.withheld() ? "withheld" : "fewer than " + minGroup;
    }

    /** "41.7%", "—" when suppressed or nobody answered. */
    public static String share(Row row) {
        return row.share().map(s -> String.format(java.util.Locale.ROOT, "%.1f%%", 100 * s)).orElse("—");
    }
}
