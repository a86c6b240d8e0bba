package org.redteam.demographics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redteam.config.DemographicsSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.worker.Worker;

/**
 * The optional demographics questionnaire of one campaign ({@code demographics:}): shown once after consent when
 * enabled, never required; a response (answers, or a skip) is stored once and the questionnaire is not shown again.
 */
public final class Demographics {
    static final String ANSWERED = "answered";
    static final String SKIPPED = "skipped";

    private final DemographicsRepository repository;
    private final long campaignId;
    private final DemographicsSettings settings;
    private final Clock clock;

    public Demographics(DemographicsRepository repository, long campaignId, DemographicsSettings settings, Clock clock) {
        this.repository = repository;
        this.campaignId = campaignId;
        this.settings = settings;
        this.clock = clock;
    }

    public DemographicsSettings settings() {
        return settings;
    }

    /** True when the campaign asks and the worker has neither answered nor skipped yet. */
    public boolean pending(Worker worker) {
        return settings.enabled() && repository.status(campaignId, worker.id()).isEmpty();
    }

    /**
     * Stores the worker's answers: question id → one of its choices; a question left out or blank is not answered.
     * A second response changes nothing.
     *
     * @throws InvalidInputException an unknown question or an answer that is not one of the question's choices
     */
    public void answer(Worker worker, Map<String, String> answers) {
        requireEnabled();
        Map<String, String> chosen = new LinkedHashMap<>();
        answers.forEach((id, answer) -> {
            DemographicsSettings.Question q = settings.question(id)
                    .orElseThrow(() -> new InvalidInputException("demographics: no question '" + id + "'"));
            if (answer == null || answer.isBlank()) {
                return;
            }
            if (!q.choices().contains(answer)) {
                throw new InvalidInputException("demographics: '" + answer + "' is not an answer to question '" + id + "'");
            }
            chosen.put(id, answer);
        });
        repository.save(campaignId, worker.id(), ANSWERED, chosen, clock.instant());
    }

    /** Records that the worker skipped: nothing but "skipped" is stored. */
    public void skip(Worker worker) {
        requireEnabled();
        repository.save(campaignId, worker.id(), SKIPPED, Map.of(), clock.instant());
    }

    /** The campaign's answers in aggregate, suppressed below {@code min_group}. */
    public DemographicsReport report() {
        return DemographicsReport.of(settings.questions(), repository.counts(campaignId), repository.responses(campaignId),
                settings.minGroup());
    }

    private void requireEnabled() {
        if (!settings.enabled()) {
            throw new InvalidInputException("demographics: this campaign asks no demographics questions");
        }
    }
}
