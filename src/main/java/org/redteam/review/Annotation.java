package org.redteam.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.redteam.judge.HumanReview;

/** One answered review, for agreement and export. {@code redTeamRating} is the attempt's own rating. */
public record Annotation(long taskId, long attemptId, long reviewerId, int rating, List<String> tags,
                         Optional<String> note, Optional<Long> secondsSpent, Instant finishedAt,
                         double redTeamRating, long targetRowId) {
    public Annotation {
        tags = List.copyOf(tags);
    }

    /** The reviewer as exports and agreement tables name them: {@code reviewer-<worker id>}, never the name. */
    public String reviewer() {
        return pseudonym(reviewerId);
    }

    /** These reviews as judge calibration reads them. */
    public static List<HumanReview> humanReviews(List<Annotation> annotations) {
        return annotations.stream().map(a -> new HumanReview(a.attemptId(), a.reviewer(), a.rating(), a.tags())).toList();
    }

    /** {@code reviewer-<worker id>}: a stable pseudonym that does not reveal the reviewer's name. */
    public static String pseudonym(long reviewerId) {
        return "reviewer-" + reviewerId;
    }
}
