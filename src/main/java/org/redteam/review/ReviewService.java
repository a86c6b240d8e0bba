package org.redteam.review;

import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.DailyCapException;
import org.redteam.wellbeing.Wellbeing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.redteam.target.Target;
import org.redteam.campaign.Campaign;
import org.redteam.config.ReviewSettings;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.problem.AccessDeniedException;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StoredText;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The review task: admins choose what enters the queue; each queued attempt goes to {@code per_attempt}
 * reviewers, never to its own red teamer and never twice to one reviewer, the least-reviewed first. A
 * reviewer holds one task at a time: shown with a content warning and a preview, then the transcript,
 * answered with a 0–4 rating, up to 2 tags of the campaign's taxonomy and an optional note, or skipped
 * without penalty (a skipped attempt is not offered to them again).
 */
public final class ReviewService {
    public static final int MAX_NOTE = 2000;
    static final int PREVIEW_CHARS = 280;

    private final ReviewRepository reviews;
    private final Attempts attempts;
    private final Wellbeing wellbeing;
    private final Campaign campaign;
    private final Clock clock;
    private final ReviewQueue queue;

    public ReviewService(ReviewRepository reviews, Attempts attempts, Wellbeing wellbeing, Campaign campaign,
                         Clock clock) {
        this.reviews = reviews;
        this.attempts = attempts;
        this.wellbeing = wellbeing;
        this.campaign = campaign;
        this.clock = clock;
        this.queue = new ReviewQueue(reviews, campaign);
    }

    /** The queue's listing and removal, for admins. */
    public ReviewQueue queue() {
        return queue;
    }

    private ReviewSettings settings() {
        return campaign.config().review();
    }

    /** One utterance of a transcript as shown to a reviewer. */
    /** What a reviewer sees: no red teamer, no target. */
    public record TaskView(ReviewTask task, String taskDescription, String preview, String transcript,
                           List<Message> utterances, List<String> taxonomy, boolean breakReminder) {
    }

    /** What comes next for a reviewer. */
    public sealed interface Next permits Next.Task, Next.Survey, Next.Nothing {
        record Task(TaskView view) implements Next {
        }

        record Survey(TaskKind kind, List<String> items) implements Next {
        }

        record Nothing() implements Next {
        }
    }

    // ---------------------------------------------------------------- queue (admins)

    /** A filter over submitted attempts; empty parts match everything. */
    public record Filter(Set<String> targetIds, Optional<Double> minRating, Optional<Double> maxRating) {
    }

    /** Puts every submitted attempt not yet queued in the queue; returns how many were added. */
    public int enqueueAll(Worker admin) {
        requireAdmin(admin);
        return reviews.jdbi().inTransaction(h -> reviews.enqueue(h, campaign.id(),
                reviews.submittedNotQueued(h, campaign.id()).stream().map(ReviewableAttempt::attemptId).toList(),
                "all", clock.instant()));
    }

    /**
     * Adds up to {@code perTarget} submitted, not yet queued attempts of each target, drawn at random with
     * {@code seed} (the same store and seed draw the same attempts).
     */
    public int enqueueSample(Worker admin, int perTarget, long seed) {
        requireAdmin(admin);
        if (perTarget < 1 || perTarget > 100_000) {
            throw new InvalidInputException("perTarget: must be 1 to 100000, got " + perTarget);
        }
        return reviews.jdbi().inTransaction(h -> {
            Map<Long, List<Long>> byTarget = reviews.submittedNotQueued(h, campaign.id()).stream().collect(
                    Collectors.groupingBy(ReviewableAttempt::targetRowId, java.util.TreeMap::new,
                            Collectors.mapping(ReviewableAttempt::attemptId, Collectors.toList())));
            List<Long> chosen = new ArrayList<>();
            Random random = new Random(seed);
            byTarget.forEach((target, ids) -> {
                List<Long> shuffled = new ArrayList<>(ids);
                java.util.Collections.shuffle(shuffled, random);
                chosen.addAll(shuffled.subList(0, Math.min(perTarget, shuffled.size())));
            });
            return reviews.enqueue(h, campaign.id(), chosen, "sample", clock.instant());
        });
    }

    /** Adds the submitted, not yet queued attempts that match the filter. */
    public int enqueueFilter(Worker admin, Filter filter) {
        requireAdmin(admin);
        for (String key : filter.targetIds()) {
            if (campaign.targets().stream().noneMatch(t -> t.id().equals(key))) {
                throw new InvalidInputException("targets: no target '" + key + "' in this campaign");
            }
        }
        Set<Long> rowIds = campaign.targets().stream().filter(t -> filter.targetIds().contains(t.id()))
                .map(Target::rowId).collect(Collectors.toSet());
        return reviews.jdbi().inTransaction(h -> reviews.enqueue(h, campaign.id(),
                reviews.submittedNotQueued(h, campaign.id()).stream()
                        .filter(c -> filter.targetIds().isEmpty() || rowIds.contains(c.targetRowId()))
                        .filter(c -> filter.minRating().map(min -> c.rating() >= min).orElse(true))
                        .filter(c -> filter.maxRating().map(max -> c.rating() <= max).orElse(true))
                        .map(ReviewableAttempt::attemptId).toList(),
                "filter", clock.instant()));
    }

    public QueueStats stats(Worker admin) {
        requireAdmin(admin);
        return reviews.jdbi().withHandle(h -> reviews.stats(h, campaign.id(), settings().perAttempt()));
    }

    // ---------------------------------------------------------------- reviewers

    /**
     * The reviewer's next task: the one they hold, or a newly claimed one; a due well-being survey first;
     * nothing when the queue has nothing for them. Throws {@link DailyCapException} at the daily cap.
     */
    /** How far the reviewer has come: reviews answered in this campaign, transcripts still waiting for them. */
    public ReviewProgress progress(Worker reviewer) {
        requireReviewer(reviewer);
        Instant since = clock.instant().minus(Duration.ofMinutes(settings().claimMinutes()));
        return reviews.jdbi().withHandle(h -> reviews.progress(h, campaign.id(), reviewer.id(), settings().perAttempt(), since));
    }

    public Next next(Worker reviewer) {
        requireReviewer(reviewer);
        Instant now = clock.instant();
        Optional<Next> found = reviews.jdbi().inTransaction(h -> {
            reviews.lockReviewer(h, reviewer.id());
            Optional<ReviewTask> held = reviews.claimed(h, reviewer.id(), campaign.id());
            if (held.isPresent()) {
                return Optional.of(new Next.Task(view(h, held.get())));
            }
            if (wellbeing.due(h, reviewer, TaskKind.REVIEW)) {
                return Optional.of(new Next.Survey(TaskKind.REVIEW, org.redteam.config.WellbeingSettings.ITEMS));
            }
            Optional<Long> attemptId = reviews.nextAttempt(h, campaign.id(), reviewer.id(), settings().perAttempt(),
                    now.minus(Duration.ofMinutes(settings().claimMinutes())));
            if (attemptId.isEmpty()) {
                return Optional.of(new Next.Nothing());
            }
            wellbeing.requireClear(h, reviewer, TaskKind.REVIEW);
            long taskId = reviews.insertTask(h, attemptId.get(), reviewer.id(), now);
            return Optional.of(new Next.Task(view(h, reviews.find(h, taskId).orElseThrow())));
        });
        Next next = found.orElseThrow();
        if (next instanceof Next.Task t) {
            TaskView v = t.view();
            return new Next.Task(new TaskView(v.task(), v.taskDescription(), v.preview(), v.transcript(), v.utterances(),
                    v.taxonomy(), wellbeing.breakDue(reviewer)));
        }
        return next;
    }

    /** The reviewer's task with its transcript; the first call starts the clock of time spent. */
    public TaskView open(Worker reviewer, long taskId) {
        requireReviewer(reviewer);
        return reviews.jdbi().inTransaction(h -> {
            ReviewTask task = owned(h, reviewer, taskId);
            if (task.status() == ReviewTask.Status.CLAIMED) {
                reviews.markOpened(h, taskId, clock.instant());
            }
            return view(h, reviews.find(h, taskId).orElseThrow());
        });
    }

    /** The reviewer's task without starting its clock (the preview). */
    public TaskView preview(Worker reviewer, long taskId) {
        requireReviewer(reviewer);
        return reviews.jdbi().inTransaction(h -> view(h, owned(h, reviewer, taskId)));
    }

    /**
     * Records the annotation. 400 for a rating outside 0–4, more than 2 tags, a tag outside the taxonomy
     * (or twice), a note over {@value #MAX_NOTE} characters; 409 for a second answer or a skipped task.
     */
    public ReviewTask answer(Worker reviewer, long taskId, Integer rating, List<String> tags, String note) {
        requireReviewer(reviewer);
        if (rating == null || rating < 0 || rating > 4) {
            throw new InvalidInputException("rating: must be a whole number from 0 to 4" + (rating == null ? "" : ", got " + rating));
        }
        List<String> given = tags == null ? List.of() : tags;
        if (given.size() > ReviewSettings.MAX_TAGS_PER_REVIEW) {
            throw new InvalidInputException("tags: at most " + ReviewSettings.MAX_TAGS_PER_REVIEW + " tags, got " + given.size());
        }
        if (new LinkedHashSet<>(given).size() != given.size()) {
            throw new InvalidInputException("tags: the same tag twice");
        }
        for (String tag : given) {
            if (!settings().tags().contains(tag)) {
                throw new InvalidInputException("tags: '" + tag + "' is not one of the campaign's tags");
            }
        }
        Optional<String> text = Optional.ofNullable(note).map(String::strip).filter(n -> !n.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_NOTE) {
            throw new InvalidInputException("note: at most " + MAX_NOTE + " characters, got " + text.get().length());
        }
        text.ifPresent(t -> StoredText.requireNoNul("note", t));
        Instant now = clock.instant();
        return reviews.jdbi().inTransaction(h -> {
            ReviewTask task = owned(h, reviewer, taskId);
            requireClaimed(task);
            reviews.answer(h, taskId, rating, given, text, now, seconds(task, now));
            return reviews.find(h, taskId).orElseThrow();
        });
    }

    /** Skips the task, with no penalty: it does not count as a review, and the attempt is not offered again. */
    public void skip(Worker reviewer, long taskId) {
        requireReviewer(reviewer);
        Instant now = clock.instant();
        reviews.jdbi().useTransaction(h -> {
            ReviewTask task = owned(h, reviewer, taskId);
            requireClaimed(task);
            reviews.skip(h, taskId, now, seconds(task, now));
        });
    }

    private static long seconds(ReviewTask task, Instant now) {
        return Math.max(0, Duration.between(task.openedAt().orElse(task.claimedAt()), now).toSeconds());
    }

    private static void requireClaimed(ReviewTask task) {
        if (task.status() != ReviewTask.Status.CLAIMED) {
            throw new StateConflictException("review task " + task.id() + " was already " + task.status().label());
        }
    }

    private ReviewTask owned(Handle h, Worker reviewer, long taskId) {
        return reviews.find(h, taskId).filter(t -> t.reviewerId() == reviewer.id())
                .orElseThrow(() -> new NotFoundException("no review task " + taskId));
    }

    private TaskView view(Handle h, ReviewTask task) {
        Attempts.Attempted attempt = attempts.find(h, task.attemptId()).orElseThrow();
        String transcript = reviews.importedTranscript(h, task.attemptId()).orElseGet(() -> attempt.conversation().render());
        List<Message> utterances = Transcript.parse(transcript).messages();
        return new TaskView(task, attempt.taskDescription(), preview(attempt.taskDescription(), utterances), transcript,
                utterances, settings().tags(), false);
    }

    /** The task description, or the first human message, cut at {@value #PREVIEW_CHARS} characters. */
    static String preview(String taskDescription, List<Message> utterances) {
        String text = !taskDescription.isBlank() ? taskDescription
                : Transcript.of(utterances).firstHuman().orElse("");
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= PREVIEW_CHARS ? oneLine : oneLine.substring(0, PREVIEW_CHARS) + "…";
    }

    private static void requireReviewer(Worker worker) {
        if (!worker.has(Role.REVIEWER)) {
            throw new AccessDeniedException("only reviewers review attempts");
        }
    }

    private static void requireAdmin(Worker worker) {
        if (!worker.has(Role.ADMIN)) {
            throw new AccessDeniedException("only admins manage the review queue");
        }
    }
}
