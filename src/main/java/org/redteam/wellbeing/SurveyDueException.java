package org.redteam.wellbeing;

import java.util.List;
import org.redteam.config.WellbeingSettings;
import org.redteam.problem.RedteamException;

/** A well-being survey is due before the next task; the API answers 409 with the survey's items. */
public final class SurveyDueException extends RedteamException {
    private final TaskKind kind;

    public SurveyDueException(TaskKind kind, int completed) {
        super(Kind.CONFLICT, "a short well-being survey is due after " + completed + " completed "
                + (kind == TaskKind.REVIEW ? "reviews" : "attempts") + ": answer it (POST /api/wellbeing) before the next task");
        this.kind = kind;
    }

    public TaskKind taskKind() {
        return kind;
    }

    public List<String> items() {
        return WellbeingSettings.ITEMS;
    }
}
