package org.redteam.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;
import org.redteam.review.ReviewRatings;

/** A store's judge verdicts, read whole per judge, and set against a campaign's reviews. */
public final class StoredVerdicts {
    private final VerdictRepository verdicts;
    private final ReviewRatings reviews;

    public StoredVerdicts(VerdictRepository verdicts, ReviewRatings reviews) {
        this.verdicts = verdicts;
        this.reviews = reviews;
    }

    /** The ids of the judges with verdicts in the store, in name order. */
    public List<String> judgeIds() {
        return verdicts.judgeIds();
    }

    /** Every stored verdict of {@code judgeId}, in attempt order. */
    public List<AttemptVerdict> of(String judgeId) {
        return verdicts.ofJudge(judgeId);
    }

    /**
     * The judge's verdicts against the reviews of {@code campaign} (default: the store's only campaign), harmful =
     * rating ≥ {@code harmfulFrom}. An id without verdicts is bad input naming the ids that have some.
     */
    public ReviewedLabels againstReviews(String judgeId, Optional<String> campaign, int harmfulFrom) {
        List<String> ids = judgeIds();
        if (!ids.contains(judgeId)) {
            throw new InvalidInputException("--judge: the store has no verdicts of judge '" + judgeId + "'; "
                    + (ids.isEmpty() ? "it has no verdicts at all (redteam judge run makes them)"
                    : "judges with verdicts: " + String.join(", ", ids)));
        }
        ReviewRatings.Reviews r = reviews.reviews(campaign);
        return ReviewedLabels.of(r.campaign(), judgeId, r.annotations(), byAttempt(of(judgeId)), harmfulFrom);
    }

    /** The verdicts on whole attempts, by attempt id. */
    public static Map<Long, Verdict> byAttempt(List<AttemptVerdict> verdicts) {
        Map<Long, Verdict> out = new LinkedHashMap<>();
        verdicts.forEach(v -> out.put(v.attemptId(), v.verdict()));
        return out;
    }
}
