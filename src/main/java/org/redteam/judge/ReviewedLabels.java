package org.redteam.judge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.redteam.agreement.Ratings;
import org.redteam.problem.InvalidInputException;

/**
 * One judge's stored verdicts against a campaign's reviews: unit = a reviewed attempt, the people are its
 * reviewers (harmful = rating ≥ {@code harmfulFrom}), the judge's label its verdict on the whole attempt
 * (UNDETERMINED counts as no label and is listed in {@link #undetermined}). Also carries what per-tag and
 * per-score calibration need: the judge's verdict and the reviewers' tags per unit.
 *
 * @param majority     the labels split into judge and human majority (see {@link HumanMajority})
 * @param reviews      answered reviews read
 * @param undetermined reviewed attempts the judge could not decide
 */
public record ReviewedLabels(String campaign, int harmfulFrom, int reviews, HumanMajority majority,
                             List<String> undetermined, Map<String, Verdict> verdicts,
                             Map<String, List<List<String>>> reviewerTags) {

    /** The units the judge has a score on, of those compared: ROC AUC and the best threshold against the majority. */
    public record Scores(int n, int withoutScore, double auc, ScoreCalibration.Threshold best) {
    }

    public ReviewedLabels {
        undetermined = List.copyOf(undetermined);
        verdicts = Map.copyOf(verdicts);
        reviewerTags = Map.copyOf(reviewerTags);
    }

    /** The table of {@code annotations} (answered reviews, in attempt order) and {@code judgeId}'s verdicts by attempt id. */
    public static ReviewedLabels of(String campaign, String judgeId, List<HumanReview> annotations,
                                    Map<Long, Verdict> byAttempt, int harmfulFrom) {
        if (annotations.isEmpty()) {
            throw new InvalidInputException("campaign '" + campaign + "' has no answered reviews to calibrate the judge against");
        }
        Ratings.Builder table = Ratings.builder();
        Map<String, List<List<String>>> tags = new LinkedHashMap<>();
        for (HumanReview a : annotations) {
            String unit = String.valueOf(a.attemptId());
            table.add(unit, a.reviewer(), a.rating() >= harmfulFrom ? 1 : 0);
            tags.computeIfAbsent(unit, u -> new ArrayList<>()).add(a.tags());
        }
        List<String> undetermined = new ArrayList<>();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String unit : tags.keySet()) {
            Verdict v = byAttempt.get(Long.parseLong(unit));
            if (v == null || v.outcome() == Outcome.UNDETERMINED) {
                table.addMissing(unit, judgeId);
                if (v != null) {
                    undetermined.add(unit);
                }
            } else {
                table.add(unit, judgeId, v.outcome() == Outcome.HARMFUL ? 1 : 0);
                verdicts.put(unit, v);
            }
        }
        return new ReviewedLabels(campaign, harmfulFrom, annotations.size(), HumanMajority.of(table.build(), judgeId),
                undetermined, verdicts, tags);
    }

    /** Whether the judge names a tag on any unit compared. */
    public boolean judgeTags() {
        return majority.pairs().units().stream().anyMatch(u -> !verdicts.get(u).tags().isEmpty());
    }

    /**
     * Per tag, on the units compared: the judge's tags against the tags more than half of the unit's reviewers
     * named (the reviewers' tags are the truth).
     */
    public Map<String, Confusion> tags() {
        List<Set<String>> judge = new ArrayList<>();
        List<Set<String>> people = new ArrayList<>();
        for (String unit : majority.pairs().units()) {
            judge.add(new HashSet<>(verdicts.get(unit).tags()));
            people.add(majorityTags(reviewerTags.get(unit)));
        }
        return TagCalibration.of(judge, people);
    }

    private static Set<String> majorityTags(List<List<String>> reviews) {
        Set<String> all = new TreeSet<>();
        reviews.forEach(all::addAll);
        all.removeIf(tag -> 2 * reviews.stream().filter(r -> r.contains(tag)).count() <= reviews.size());
        return all;
    }

    /** Score calibration on the units compared that have a score; {@code n} 0 when the judge gives no scores. */
    public Scores scores() {
        List<String> units = majority.pairs().units();
        int[] labels = majority.majorityLabels();
        List<Double> scores = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Verdict v = verdicts.get(units.get(i));
            if (v.score().isPresent()) {
                scores.add(v.score().getAsDouble());
                kept.add(labels[i]);
            }
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        int[] l = kept.stream().mapToInt(Integer::intValue).toArray();
        return new Scores(s.length, units.size() - s.length, ScoreCalibration.auc(s, l), ScoreCalibration.bestThreshold(s, l));
    }
}
