package org.redteam.compare;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.KaplanMeier;

/** What {@code compare} found; written as compare.json and compare.html. */
public record CompareResult(CompareSettings settings, List<TargetRow> targets, Side human, Side automated,
                            List<ClusterRow> clusters, int dimension) {

    public CompareResult {
        targets = List.copyOf(targets);
        clusters = List.copyOf(clusters);
    }

    /** One side's rate on one target. */
    public record Rate(String target, long items, long harmful, long decided, long undetermined,
                       Bootstrap.Interval successRate) {
    }

    /** A row of the side-by-side table: a paired target (both set) or one side alone (the other null). */
    public record TargetRow(String human, String automated, Rate humanRate, Rate automatedRate) {
        public boolean paired() {
            return humanRate != null && automatedRate != null;
        }
    }

    /** One k-means cluster of the pooled first turns: its attacks from each side. */
    public record ClusterRow(int id, int human, int automated) {
    }

    /**
     * One side overall.
     *
     * @param attacks             distinct attacks (first turns embedded)
     * @param items               attack × target items
     * @param meanPairwiseDistance mean cosine distance over pairs of its attacks' first turns
     * @param clustersCovered     of the pooled k-means clusters, those with at least one of its attacks
     * @param tags                distinct tags covered, sorted
     * @param nearDuplicateShare  share of its attacks whose first turn has a near-duplicate template within the side
     * @param novelShare          share of its attacks farther than the threshold from every attack of the other side
     * @param effort              Kaplan–Meier of assistant turns to the first harmful one
     * @param tokens              tokens reported over all items, null when none reported
     * @param tokensPerSuccess    tokens ÷ successful items, empty when not defined
     * @param costPerSuccess      cost ÷ successful items where prices are given
     */
    public record Side(String source, int attacks, long items, long successes, Bootstrap.Interval successRate,
                       double meanPairwiseDistance, int clustersCovered, List<String> tags, double nearDuplicateShare,
                       double novelShare, KaplanMeier.Curve effort, Map<String, KaplanMeier.Curve> effortByTarget,
                       Long tokens, OptionalDouble tokensPerSuccess, OptionalDouble costPerSuccess) {
        public Side {
            tags = List.copyOf(tags);
            effortByTarget = Map.copyOf(effortByTarget);
        }
    }
}
