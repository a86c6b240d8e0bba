package org.redteam.wellbeing;

import java.time.LocalDate;
import java.util.Map;

/** One day's surveys: how many, and the mean of each item. */
public record SurveyDay(LocalDate day, int surveys, Map<String, Double> means) {
}
