package org.redteam.analysis;

import org.redteam.agreement.Bootstrap;

import java.util.List;

/**
 * What {@link AttackAnalysis} found. Intervals are {@link Bootstrap.Interval}s: the estimate on all attempts and
 * the 95% member-bootstrap percentile bounds ({@code NaN} when undefined, e.g. with 0 resamples).
 *
 * @param overall              every attempt as one group (its {@code target} is null)
 * @param byTarget             sorted by model type, then size as a number (see {@link TargetLabel})
 * @param harmlessnessByRating one box per rating bin 0–4
 * @param tags                 attempts per tag, most first
 * @param taggedAttempts       attempts with a tag list (null = untagged)
 */
public record AnalysisResult(AttackAnalysis.Settings settings, long attempts, int members, RatingHistogram histogram,
                             TargetRow overall, List<TargetRow> byTarget, Correlation ratingVsHarmlessness,
                             List<RatingBoxes.Box> harmlessnessByRating, Concentration concentration,
                             List<TagCount> tags, long taggedAttempts, TemplateFamilies.Result templates) {

    public AnalysisResult {
        byTarget = List.copyOf(byTarget);
        harmlessnessByRating = List.copyOf(harmlessnessByRating);
        tags = List.copyOf(tags);
    }

    /**
     * One target's attempts ({@code n}), those with a harmlessness score ({@code scored}), the mean self-rating,
     * the success rate (share rated ≥ 3) and the mean minimum harmlessness over the scored ones; {@code members}
     * counts the red team members whose attempts these are (the clusters the intervals resample).
     */
    public record TargetRow(TargetLabel target, long n, long scored, Bootstrap.Interval meanRating,
                            Bootstrap.Interval successRate, Bootstrap.Interval meanMinHarmlessness, int members) {

        /** Whether the intervals rest on too few members to be trusted ({@link AttackAnalysis#SMALL_SAMPLE_MEMBERS}). */
        public boolean fewMembers() {
            return members < AttackAnalysis.SMALL_SAMPLE_MEMBERS;
        }
    }

    /** Spearman's ρ of self-rating and min harmlessness over the {@code n} attempts with a score. */
    public record Correlation(Bootstrap.Interval spearman, long n) {
    }

    public record TagCount(String tag, long attempts) {
    }
}
