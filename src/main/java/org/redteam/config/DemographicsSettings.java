package org.redteam.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the crowd is ({@code demographics:} in the campaign file): an optional, skippable questionnaire shown once
 * after consent, reported only in aggregate, an answer given by fewer than {@code minGroup} people suppressed.
 *
 * @param enabled   whether red teamers are asked at all ({@code enabled}, default false)
 * @param minGroup  the smallest group whose count is shown ({@code min_group}, default 5, at least 2)
 * @param questions what is asked ({@code questions}; {@link #DEFAULT_QUESTIONS} when the file names none)
 */
public record DemographicsSettings(boolean enabled, int minGroup, List<Question> questions) {
    public static final int DEFAULT_MIN_GROUP = 5;
    /** The one choice every default question offers; a campaign's own questions should offer it too. */
    public static final String PREFER_NOT = "Prefer not to say";

    /**
     * One multiple-choice question.
     *
     * @param id      stored with each answer (letters, digits, '_', '-')
     * @param text    what the red teamer reads
     * @param choices the answers offered, in order
     */
    public record Question(String id, String text, List<String> choices) {
        public Question {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            choices = List.copyOf(choices);
        }
    }

    /** Modelled on the paper's reported crowd: age band, gender, race/ethnicity, education, country. */
    public static final List<Question> DEFAULT_QUESTIONS = List.of(
            new Question("age", "Your age", List.of("18–24", "25–34", "35–44", "45–54", "55–64", "65 or over", PREFER_NOT)),
            new Question("gender", "Your gender", List.of("Woman", "Man", "Non-binary", "Another gender", PREFER_NOT)),
            new Question("race_ethnicity", "Your race or ethnicity", List.of("Asian", "Black or African American",
                    "Hispanic or Latino", "Middle Eastern or North African", "Native American or Alaska Native",
                    "Native Hawaiian or Pacific Islander", "White", "More than one", "Another", PREFER_NOT)),
            new Question("education", "Your highest level of education", List.of("Less than high school",
                    "High school or equivalent", "Some college, no degree", "Associate degree", "Bachelor's degree",
                    "Master's degree", "Doctorate or professional degree", PREFER_NOT)),
            new Question("country", "The country you live in", List.of("United States", "United Kingdom", "Canada",
                    "India", "Another country in Europe", "Another country in the Americas", "Another country in Asia",
                    "A country in Africa", "A country in Oceania", PREFER_NOT)));

    /** No {@code demographics:} block: nobody is asked. */
    public static final DemographicsSettings NONE = new DemographicsSettings(false, DEFAULT_MIN_GROUP, DEFAULT_QUESTIONS);

    public DemographicsSettings {
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
