package org.redteam.review;

import java.util.List;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.JudgeReport;
import org.redteam.judge.ReviewedLabels;
import org.redteam.judge.VerdictRepository;

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
        return ReviewedLabels.of(r.campaign(), judgeId, Annotation.humanReviews(r.annotations()),
                JudgeReport.byAttempt(of(judgeId)), harmfulFrom);
    }

    /**
     * Each judge with verdicts in the store, over all its verdicts, calibrated against every answered review of the
     * store ({@code redteam analyze} of a store); empty when there are no verdicts.
     */
    public List<JudgeReport> reports(int resamples, long seed) {
        List<String> ids = judgeIds();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<org.redteam.judge.HumanReview> all = Annotation.humanReviews(reviews.allReviews());
        return ids.stream().map(id -> JudgeReport.of(id, of(id), all, resamples, seed)).toList();
    }

}
