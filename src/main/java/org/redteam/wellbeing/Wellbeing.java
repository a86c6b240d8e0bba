package org.redteam.wellbeing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.redteam.campaign.Campaign;
import org.redteam.config.WellbeingSettings;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StoredText;
import org.redteam.problem.StateConflictException;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * Care for the people who read harmful text: a short affect survey after every {@code survey_every}
 * completed tasks of one kind before the next task, a daily cap on tasks, and a break reminder after a
 * long stretch of work. Answers are stored; admins see only daily averages per item.
 */
public final class Wellbeing {
    public static final int MAX_FREE_TEXT = 2000;

    private final Jdbi jdbi;
    private final WellbeingRepository surveys;
    private final Campaign campaign;
    private final Clock clock;

    public Wellbeing(WellbeingRepository surveys, Campaign campaign, Clock clock) {
        this.jdbi = surveys.jdbi();
        this.surveys = surveys;
        this.campaign = campaign;
        this.clock = clock;
    }

    private WellbeingSettings settings() {
        return campaign.config().wellbeing();
    }

    /** The kind whose survey is due for this worker, if any; reviews first. */
    public Optional<TaskKind> due(Worker worker) {
        return jdbi.withHandle(h -> {
            for (TaskKind kind : TaskKind.values()) {
                if (due(h, worker, kind)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        });
    }

    /** True when the worker's survey of this kind is due. */
    public boolean due(Worker worker, TaskKind kind) {
        return jdbi.withHandle(h -> due(h, worker, kind));
    }

    public boolean due(Handle h, Worker worker, TaskKind kind) {
        int completed = completed(h, worker, kind);
        return completed / settings().surveyEvery() > surveys.answered(h, campaign.id(), worker.id(), kind);
    }

    private int completed(Handle h, Worker worker, TaskKind kind) {
        return kind == TaskKind.REVIEW ? surveys.answeredCount(h, worker.id(), campaign.id())
                : surveys.submittedCount(h, worker.id(), campaign.id());
    }

    /**
     * Throws when the worker may not begin a new task of this kind now: its survey is due (409 with the
     * items), or today's cap is reached (409). Runs in the caller's transaction.
     */
    public void requireClear(Handle h, Worker worker, TaskKind kind) {
        if (due(h, worker, kind)) {
            throw new SurveyDueException(kind, completed(h, worker, kind));
        }
        if (settings().dailyCap().isPresent()) {
            Instant midnight = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (surveys.activity(h, worker.id(), midnight).size() >= settings().dailyCap().getAsInt()) {
                throw new DailyCapException(settings().dailyCap().getAsInt());
            }
        }
    }

    /** True when the worker has worked {@code break_after_minutes} without a pause of {@value WellbeingSettings#PAUSE_MINUTES} minutes. */
    public boolean breakDue(Worker worker) {
        int minutes = settings().breakAfterMinutes();
        if (minutes == 0) {
            return false;
        }
        Instant now = clock.instant();
        List<Instant> starts = jdbi.withHandle(h -> surveys.activity(h, worker.id(), now.minus(Duration.ofMinutes(minutes + 60L))));
        if (starts.isEmpty() || Duration.between(starts.get(starts.size() - 1), now).toMinutes() >= WellbeingSettings.PAUSE_MINUTES) {
            return false;
        }
        Instant stretchStart = starts.get(starts.size() - 1);
        for (int i = starts.size() - 2; i >= 0; i--) {
            if (Duration.between(starts.get(i), stretchStart).toMinutes() >= WellbeingSettings.PAUSE_MINUTES) {
                break;
            }
            stretchStart = starts.get(i);
        }
        return Duration.between(stretchStart, now).toMinutes() >= minutes;
    }

    /**
     * Stores the answers to the due survey ({@code kind}: which one, when both are due; empty = the first due).
     *
     * @param answers every item of {@link WellbeingSettings#ITEMS}, each 0–4
     */
    public TaskKind answer(Worker worker, Optional<TaskKind> kind, Map<String, Integer> answers, Optional<String> freeText) {
        Map<String, Integer> checked = check(answers);
        Optional<String> text = freeText.map(String::strip).filter(t -> !t.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_FREE_TEXT) {
            throw new InvalidInputException("freeText: at most " + MAX_FREE_TEXT + " characters, got " + text.get().length());
        }
        text.ifPresent(t -> StoredText.requireNoNul("freeText", t));
        return jdbi.inTransaction(h -> {
            TaskKind which = kind.orElseGet(() -> {
                for (TaskKind k : TaskKind.values()) {
                    if (due(h, worker, k)) {
                        return k;
                    }
                }
                throw new StateConflictException("no well-being survey is due");
            });
            if (!due(h, worker, which)) {
                throw new StateConflictException("no " + which.label() + " well-being survey is due");
            }
            int sequence = surveys.answered(h, campaign.id(), worker.id(), which) + 1;
            surveys.insert(h, campaign.id(), worker.id(), which, sequence, checked, text, clock.instant());
            return which;
        });
    }

    static Map<String, Integer> check(Map<String, Integer> answers) {
        Map<String, Integer> checked = new LinkedHashMap<>();
        for (String item : answers.keySet()) {
            if (!WellbeingSettings.ITEMS.contains(item)) {
                throw new InvalidInputException("answers." + item + ": not a survey item (items: "
                        + String.join(", ", WellbeingSettings.ITEMS) + ")");
            }
        }
        for (String item : WellbeingSettings.ITEMS) {
            Integer value = answers.get(item);
            if (value == null) {
                throw new InvalidInputException("answers." + item + ": required, a whole number from 0 (not at all) to 4 (very)");
            }
            if (value < 0 || value > 4) {
                throw new InvalidInputException("answers." + item + ": must be 0 (not at all) to 4 (very), got " + value);
            }
            checked.put(item, value);
        }
        return checked;
    }

    /** Admins: per UTC day, surveys answered and each item's mean (of one kind of survey, or both); never per person. */
    public List<SurveyDay> daily(Worker admin, Optional<TaskKind> kind) {
        admin.require(Role.ADMIN, "only admins see the well-being summary");
        return surveys.daily(campaign.id(), kind, settings().minGroup());
    }

    /** Admins: the newest free-text remarks with their day, without who wrote them. */
    public List<Map.Entry<java.time.LocalDate, String>> remarks(Worker admin, int limit) {
        admin.require(Role.ADMIN, "only admins see the well-being summary");
        return surveys.remarks(campaign.id(), limit);
    }
}
