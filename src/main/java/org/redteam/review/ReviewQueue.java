package org.redteam.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.redteam.campaign.Campaign;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * What the admin's review-queue page lists and does beyond adding attempts: the queued attempts with their
 * progress, taking one out (the reviews it already has stay), how many submitted attempts are not queued, and
 * how many active reviewers there are (fewer than {@code per_attempt} and no attempt can be fully reviewed).
 */
public final class ReviewQueue {
    /** The page lists at most this many queued attempts (the oldest first). */
    public static final int LISTED = 500;

    private final ReviewRepository reviews;
    private final Campaign campaign;

    ReviewQueue(ReviewRepository reviews, Campaign campaign) {
        this.reviews = reviews;
        this.campaign = campaign;
    }

    /** One queued attempt as listed: {@code targetId} is the target's id in the campaign file. */
    public record Line(long attemptId, String targetId, Optional<Instant> submittedAt, int answered) {
    }

    /** The queue as the admin sees it; {@code perAttempt} from the campaign's {@code review} settings. */
    public record Overview(List<Line> queued, int notQueued, int activeReviewers, int perAttempt) {
        public boolean tooFewReviewers() {
            return activeReviewers < perAttempt;
        }
    }

    public Overview overview(Worker admin) {
        admin.require(Role.ADMIN);
        return reviews.jdbi().withHandle(h -> new Overview(
                reviews.queued(h, campaign.id(), LISTED).stream().map(this::line).toList(),
                reviews.countSubmittedNotQueued(h, campaign.id()), reviews.countActiveReviewers(h),
                campaign.config().review().perAttempt()));
    }

    /** Takes the attempt out of the queue: no reviewer is offered it any more; false when it was not queued. */
    public boolean remove(Worker admin, long attemptId) {
        admin.require(Role.ADMIN);
        return reviews.jdbi().inTransaction(h -> reviews.dequeue(h, campaign.id(), attemptId));
    }

    private Line line(QueuedAttempt q) {
        String target = campaign.targets().stream().filter(t -> t.rowId() == q.targetRowId()).map(Target::id)
                .findFirst().orElse("#" + q.targetRowId());
        return new Line(q.attemptId(), target, q.submittedAt(), q.answered());
    }
}
