package org.redteam.web;

import org.redteam.review.ReviewProgress;

import org.redteam.admin.AdminService;

import org.redteam.wellbeing.SurveyDay;

import org.redteam.campaign.WorkSet;

import org.redteam.attempt.AttemptSummary;
import org.redteam.attempt.Incident;

import org.redteam.review.QueueStats;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.redteam.attempt.Attempt;
import org.redteam.config.CampaignConfig;
import org.redteam.review.ReviewService;
import org.redteam.wellbeing.TaskKind;
import org.redteam.worker.Worker;

/** The data each template renders; one record per page. */
public final class Pages {

    private Pages() {
    }

    public record Message(PageContext ctx, String title, String text) {
    }

    public record Invite(PageContext ctx, String secret, String workerName, String externalId) {
    }

    public record Consent(PageContext ctx, CampaignConfig campaign, List<String> chosen) {
    }

    /** @param breakReminder the worker has worked long without a pause (campaign {@code wellbeing.break_after_minutes}) */
    /** @param finished the red teamer's finished sets, whose completion codes the page lists */
    public record NewTask(PageContext ctx, int position, int setSize, List<String> topics, int maxLength,
                          boolean breakReminder, List<WorkSet> finished) {
    }

    /**
     * @param error a failed send's message, shown above the form
     * @param draft the message to put back in the form after a failed send ("" normally)
     */
    public record AttemptView(PageContext ctx, Attempt attempt, boolean owner, int maxTurns, int maxMessage,
                              Optional<String> adminTarget, Optional<String> error, String draft) {

        public boolean canSend() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && attempt.turns().size() < maxTurns;
        }

        public boolean canEnd() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && !attempt.turns().isEmpty();
        }

        public int lastIndex() {
            return attempt.turns().size() - 1;
        }
    }

    public record Rating(PageContext ctx, Attempt attempt) {
    }

    /** @param completionUrl the crowd platform's completion URL with the code; @param redirectSeconds when the page goes there itself */
    public record SetComplete(PageContext ctx, WorkSet set, Optional<String> externalId, Optional<String> completionUrl,
                              java.util.OptionalInt redirectSeconds) {
    }

    public record NewWorker(String name, String roles, String inviteUrl, String token) {
    }

    public record Admin(PageContext ctx, String campaignName, long assignmentSeed, List<AdminService.TargetLine> targets,
                        List<Worker> workers, java.util.Set<Long> deactivated, List<AttemptSummary> attempts, List<Incident> incidents,
                        Optional<NewWorker> created, Optional<String> reissued, Optional<String> studyLink) {
    }

    /** The reviewer's held task before the transcript: a warning, the preview, open or skip. */
    /** {@code saved}: the reviewer's last answer was just stored (after post/redirect/get). */
    public record ReviewPreview(PageContext ctx, ReviewService.TaskView view, ReviewProgress progress, boolean saved) {
    }

    /**
     * The transcript and the review form. After a rejected answer: the error and what the reviewer had
     * chosen, so nothing is lost.
     */
    public record ReviewForm(PageContext ctx, ReviewService.TaskView view, ReviewProgress progress, int maxNote,
                             Optional<String> error,
                             Optional<Integer> rating, List<String> tags, String note) {

        public boolean rated(int value) {
            return rating.isPresent() && rating.get() == value;
        }
    }

    /** The well-being survey of one task kind; after a rejected answer, the error and the answers given. */
    public record WellbeingSurvey(PageContext ctx, TaskKind kind, List<String> items, int maxFreeText,
                                  Optional<String> error, Map<String, Integer> answers, String freeText) {

        public boolean chosen(String item, int value) {
            Integer given = answers.get(item);
            return given != null && given == value;
        }
    }

    /** The admin's review queue: progress and the forms that add attempts; {@code added} after a form. */
    public record ReviewQueue(PageContext ctx, QueueStats stats, int perAttempt,
                              List<String> targetIds, Optional<Integer> added) {
    }

    /** Well-being survey answers as daily averages per item and recent remarks with their day: no names. */
    public record WellbeingReport(PageContext ctx, Optional<TaskKind> kind, List<String> items,
                                  List<SurveyDay> days, List<Map.Entry<LocalDate, String>> remarks, int minGroup) {

        /** The day's mean of the item with two decimals, or "" when no survey of that day answered it. */
        public String mean(SurveyDay day, String item) {
            Double mean = day.means().get(item);
            return mean == null ? "" : String.format(Locale.ROOT, "%.2f", mean);
        }

        public boolean showing(String kindLabel) {
            return kind.map(TaskKind::label).orElse("").equals(kindLabel);
        }
    }
}
