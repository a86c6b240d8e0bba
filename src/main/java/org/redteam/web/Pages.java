package org.redteam.web;

import org.redteam.review.ReviewProgress;

import org.redteam.admin.AdminService;

import org.redteam.wellbeing.SurveyDay;

import org.redteam.campaign.CoverageHint;
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

    /** A message on an admin page, under the admin navigation bar ({@code section}: the bar's current item). */
    public record AdminMessage(PageContext ctx, String section, String title, String text) {
    }

    public record Invite(PageContext ctx, String secret, String workerName, String externalId) {
    }

    /** The optional demographics questionnaire ({@code demographics.jte}). */
    public record DemographicsForm(PageContext ctx, List<org.redteam.config.DemographicsSettings.Question> questions,
                                   int minGroup) {
    }

    public record Consent(PageContext ctx, CampaignConfig campaign, List<String> chosen) {
    }

    /**
     * @param breakReminder the worker has worked long without a pause (campaign {@code wellbeing.break_after_minutes})
     * @param error         why the plan was refused, in plain words, shown next to it
     * @param draft         the refused plan, put back in the form ("" normally)
     * @param finished      the red teamer's finished sets, whose completion codes the page lists
     */
    public record NewTask(PageContext ctx, int position, int setSize, List<String> topics, int maxLength,
                          boolean breakReminder, Optional<String> error, String draft,
                          List<WorkSet> finished, Optional<CoverageHint> coverage) {
    }

    /**
     * @param error     a refused or failed send's message, shown next to the message field
     * @param draft     the message to put back in the form after a failed send ("" normally)
     * @param pickError why a pick or its undo was refused, shown where the pick is made
     * @param moved     a form from another tab was out of date: the page says so once
     * @param undoable  the turn whose pick can still be undone (the "Undo pick" button)
     * @param signals   the red teamer's flags on picked replies (issue 16), shown on each assistant turn
     */
    public record AttemptView(PageContext ctx, Attempt attempt, boolean owner, int maxTurns, int maxMessage,
                              Optional<String> adminTarget, Optional<String> error, String draft,
                              Optional<String> pickError, boolean moved, Optional<Integer> undoable,
                              org.redteam.attempt.Signals signals) {

        public AttemptView(PageContext ctx, Attempt attempt, boolean owner, int maxTurns, int maxMessage,
                           Optional<String> adminTarget, Optional<String> error, String draft,
                           Optional<String> pickError, boolean moved, Optional<Integer> undoable) {
            this(ctx, attempt, owner, maxTurns, maxMessage, adminTarget, error, draft, pickError, moved, undoable,
                    org.redteam.attempt.Signals.NONE);
        }

        /** The CSRF token for the flag forms while the red teamer may still flag; null (no forms) otherwise. */
        public String flagToken() {
            return owner && !attempt.submitted() ? ctx.csrfToken() : null;
        }

        public boolean canSend() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && attempt.turns().size() < maxTurns;
        }

        public boolean canEnd() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && !attempt.turns().isEmpty();
        }

        public int lastIndex() {
            return attempt.turns().size() - 1;
        }

        /** The n of "Turn n of N": the turn being picked, the one to write next, or the last one of a finished attempt. */
        public int turnNumber() {
            int done = attempt.turns().size();
            int n = canSend() ? done + 1 : done;
            return Math.max(1, Math.min(n, maxTurns));
        }
    }

    /**
     * @param error          why the rating was refused, in plain words, shown next to the choices
     * @param expertiseAreas the campaign's {@code expertise_areas}, offered beside a free-text area
     */
    public record Rating(PageContext ctx, Attempt attempt, Optional<String> error, List<String> expertiseAreas) {
        public Rating(PageContext ctx, Attempt attempt, Optional<String> error) {
            this(ctx, attempt, error, List.of());
        }

        public int maxArea() {
            return org.redteam.attempt.SignalService.MAX_AREA;
        }
    }

    /** @param completionUrl the crowd platform's completion URL with the code; @param redirectSeconds when the page goes there itself */
    public record SetComplete(PageContext ctx, WorkSet set, Optional<String> externalId, Optional<String> completionUrl,
                              java.util.OptionalInt redirectSeconds) {
    }

    /** A one-time secret the admin page shows once (after post/redirect/get). */
    public sealed interface Shown permits NewWorker, Reissued {
    }

    public record NewWorker(String name, String roles, String inviteUrl, String token) implements Shown {
    }

    /** A new invite link for an existing worker: says whose. */
    public record Reissued(long workerId, String name, String inviteUrl) implements Shown {
    }

    /** {@code secretGone}: the one-time page was opened again, after it showed its secret. */
    public record Admin(PageContext ctx, String campaignName, long assignmentSeed, List<AdminService.TargetLine> targets,
                        List<Worker> workers, java.util.Set<Long> deactivated, List<AttemptSummary> attempts, List<Incident> incidents,
                        Optional<Shown> shown, boolean secretGone, Optional<String> studyLink) {

        public Optional<NewWorker> created() {
            return shown.filter(NewWorker.class::isInstance).map(NewWorker.class::cast);
        }

        public Optional<Reissued> reissued() {
            return shown.filter(Reissued.class::isInstance).map(Reissued.class::cast);
        }
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

    /** What a form just did, shown once after its redirect; {@code id} is the element's id. */
    public record Confirmation(String id, String text) {
    }

    /** The admin's review queue: progress, the queued attempts, the forms that add attempts; {@code done} after a form. */
    public record ReviewQueue(PageContext ctx, QueueStats stats, int perAttempt, List<String> targetIds,
                              org.redteam.review.ReviewQueue.Overview queue, Optional<Confirmation> done) {

        public String submitted(org.redteam.review.ReviewQueue.Line line) {
            return line.submittedAt().map(t -> java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(t)).orElse("");
        }
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
    /** The admin's attempt browser; {@code link(page)} keeps the filters, so a filtered view can be bookmarked. */
    public record AttemptBrowserList(PageContext ctx, org.redteam.admin.AttemptBrowser.Result result) {
        public String link(int page) {
            var f = result.filters();
            StringBuilder b = new StringBuilder("/admin/attempts?");
            String[][] params = {{"target", f.target()}, {"rating", f.rating()}, {"minRating", f.minRating()}, {"tag", f.tag()},
                {"member", f.member()}, {"status", f.status()}, {"q", f.text()}, {"verdict", f.verdict()}};
            for (String[] p : params) {
                if (p[1] != null && !p[1].isBlank()) {
                    b.append(p[0]).append('=').append(java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8)).append('&');
                }
            }
            return b.append("page=").append(page).toString();
        }

        public String value(String v) {
            return v == null ? "" : v;
        }

        public String number(java.util.Optional<Double> v) {
            return v.map(x -> x == Math.rint(x) ? String.valueOf(x.intValue()) : String.format(Locale.ROOT, "%.3f", x)).orElse("–");
        }
    }

    /** One attempt for an admin, with the judges' verdicts on it. */
    public record AttemptBrowserDetail(PageContext ctx, org.redteam.admin.AttemptBrowser.Detail detail,
                                       java.util.List<org.redteam.judge.AttemptVerdict> verdicts) {
        /** A verdict's score, or "no score". */
        public String verdictScore(java.util.OptionalDouble v) {
            return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "no score";
        }

        public String number(java.util.Optional<Double> v) {
            return v.map(x -> String.format(Locale.ROOT, "%.3f", x)).orElse("not scored");
        }

        /** A self-rating: whole ratings as whole numbers, imported fractional ones as they are. */
        public String rating(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }

        public String score(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }
}
