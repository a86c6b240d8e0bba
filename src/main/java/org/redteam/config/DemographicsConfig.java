package org.redteam.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code demographics:} block of a campaign file into {@link DemographicsSettings}; every error names its key. */
final class DemographicsConfig {
    static final int MAX_QUESTIONS = 30;
    static final int MAX_CHOICES = 40;
    /** The longest question or choice text, in characters. */
    static final int MAX_TEXT = 200;

    private DemographicsConfig() {
    }

    static DemographicsSettings parse(Node d) {
        if (!d.isObject()) {
            d.error("", "must be a mapping such as {enabled: true, min_group: 5}");
            return DemographicsSettings.NONE;
        }
        d.onlyKeys(Set.of("enabled", "min_group", "questions"));
        boolean enabled = d.optionalBoolean("enabled").orElse(false);
        int minGroup = d.intInRange("min_group", 2, 1_000_000).orElse(DemographicsSettings.DEFAULT_MIN_GROUP);
        List<DemographicsSettings.Question> questions = d.list("questions").map(DemographicsConfig::questions)
                .orElse(DemographicsSettings.DEFAULT_QUESTIONS);
        if (questions.isEmpty()) {
            d.error("questions", "lists no question; leave the key out for the default questions");
        } else if (questions.size() > MAX_QUESTIONS) {
            d.error("questions", "lists " + questions.size() + " questions; at most " + MAX_QUESTIONS + " are allowed");
        }
        return new DemographicsSettings(enabled, minGroup, questions);
    }

    private static List<DemographicsSettings.Question> questions(List<Node> nodes) {
        List<DemographicsSettings.Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node q : nodes) {
            if (!q.isObject()) {
                q.error("", "must be a mapping such as {id: age, text: Your age, choices: [..]}");
                continue;
            }
            q.onlyKeys(Set.of("id", "text", "choices"));
            String id = java.util.Objects.requireNonNullElse(q.requiredText("id"), "");
            if (!id.isEmpty() && !id.matches("[A-Za-z0-9_-]{1,64}")) {
                q.error("id", "'" + id + "' must be 1 to 64 letters, digits, '_' or '-'");
            } else if (!id.isEmpty() && !ids.add(id)) {
                q.error("id", "duplicate question id '" + id + "'");
            }
            String text = java.util.Objects.requireNonNullElse(q.requiredText("text"), "");
            if (text.length() > MAX_TEXT) {
                q.error("text", "is longer than " + MAX_TEXT + " characters");
            }
            List<String> choices = q.textList("choices").orElse(List.of());
            if (choices.size() < 2 || choices.size() > MAX_CHOICES) {
                q.error("choices", "must list 2 to " + MAX_CHOICES + " answers, got " + choices.size());
            }
            if (new HashSet<>(choices).size() != choices.size()) {
                q.error("choices", "lists an answer twice");
            }
            if (choices.stream().anyMatch(c -> c.length() > MAX_TEXT)) {
                q.error("choices", "has an answer longer than " + MAX_TEXT + " characters");
            }
            questions.add(new DemographicsSettings.Question(id, text, choices));
        }
        return questions;
    }
}
