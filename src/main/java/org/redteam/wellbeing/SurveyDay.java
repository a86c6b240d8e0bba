package org.redteam.wellbeing;

import java.time.LocalDate;
import java.util.Map;

/**
 * One day's surveys: how many, from how many people, and the mean of each item — empty ({@link #withheld()})
 * when fewer people than the campaign's {@code min_group} answered that day.
 */
public record SurveyDay(LocalDate day, int surveys, int respondents, Map<String, Double> means) {

    public boolean withheld() {
        return means.isEmpty();
    }
}
