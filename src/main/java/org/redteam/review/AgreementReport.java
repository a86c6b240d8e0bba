package org.redteam.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.redteam.agreement.Agreement;
import org.redteam.agreement.AgreementSpec;
import org.redteam.agreement.Level;
import org.redteam.agreement.Measure;
import org.redteam.agreement.Ratings;

/**
 * Agreement among a campaign's reviewers, as {@code GET /api/agreement} reports it: Fleiss' κ and
 * Krippendorff's α (ordinal) on the 0–4 ratings, both again binarized at rating ≥ 3 (the paper's
 * success), each with and without the red teamer's own rating as one more rater; per tag, agreement on
 * "gave this tag or not". Every value has a seeded 95% percentile bootstrap interval over units (attempts).
 *
 * <p>Fleiss' κ needs the same number of ratings per unit: it uses the attempts with the most common number
 * of reviews (usually {@code per_attempt}) and says how many; Krippendorff's α uses every attempt with at
 * least two ratings.
 */
public final class AgreementReport {
    public static final double SUCCESS_AT = 3;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final int MAX_RESAMPLES = 10_000;
    static final String RED_TEAMER = "red-teamer";

    private AgreementReport() {
    }

    /** One coefficient: its value (NaN when undefined, with the reason), its interval when resampled, and what it used. */
    public record Estimate(double value, Optional<List<Double>> ci95, int units, int raters, int ratings,
                           Optional<String> undefinedBecause) {
    }

    /** Fleiss' κ and Krippendorff's α of one ratings table (α ordinal on ratings, nominal when binarized or on tags). */
    public record Measures(Estimate fleissKappa, Estimate krippendorffAlpha) {
    }

    /** The same measures among the reviewers alone and with the red teamer's own rating as one more rater. */
    public record Raters(Measures reviewers, Measures withRedTeamer) {
    }

    /** Agreement on "gave this tag or not"; {@code given} counts the reviews that gave it. */
    public record Tag(long given, Measures measures) {
    }

    /** The whole report; {@code tags} lists, in taxonomy order, the tags some review gave. */
    public record Report(int units, long raters, int annotations, int reviewsPerUnitForFleiss, int resamples, long seed,
                         Raters rating, Raters binarized, double threshold, Map<String, Tag> tags) {
    }

    public static Report of(List<Annotation> annotations, List<String> taxonomy, int resamples, long seed) {
        Map<Long, List<Annotation>> byAttempt = new TreeMap<>();
        annotations.forEach(a -> byAttempt.computeIfAbsent(a.attemptId(), k -> new ArrayList<>()).add(a));
        int modal = modalCount(byAttempt);
        Measures[] rating = new Measures[2];
        Measures[] binarized = new Measures[2];
        for (int i = 0; i < 2; i++) {
            boolean withRedTeamer = i == 1;
            Ratings bySlot = slots(byAttempt, modal, a -> a.rating(), withRedTeamer);
            Ratings byReviewer = reviewers(byAttempt, a -> a.rating(), withRedTeamer);
            rating[i] = new Measures(estimate(bySlot, spec(Measure.FLEISS, Level.NOMINAL, OptionalDouble.empty()), resamples, seed),
                    estimate(byReviewer, spec(Measure.KRIPPENDORFF, Level.ORDINAL, OptionalDouble.empty()), resamples, seed));
            binarized[i] = new Measures(estimate(bySlot, spec(Measure.FLEISS, Level.NOMINAL, OptionalDouble.of(SUCCESS_AT)), resamples, seed),
                    estimate(byReviewer, spec(Measure.KRIPPENDORFF, Level.NOMINAL, OptionalDouble.of(SUCCESS_AT)), resamples, seed));
        }
        Map<String, Tag> tags = new LinkedHashMap<>();
        for (String tag : taxonomy) {
            long given = annotations.stream().filter(a -> a.tags().contains(tag)).count();
            if (given == 0) {
                continue;
            }
            ToDoubleFunction<Annotation> gave = a -> a.tags().contains(tag) ? 1 : 0;
            tags.put(tag, new Tag(given, new Measures(
                    estimate(slots(byAttempt, modal, gave, false), spec(Measure.FLEISS, Level.NOMINAL, OptionalDouble.empty()),
                            resamples, seed),
                    estimate(reviewers(byAttempt, gave, false), spec(Measure.KRIPPENDORFF, Level.NOMINAL, OptionalDouble.empty()),
                            resamples, seed))));
        }
        return new Report(byAttempt.size(), annotations.stream().map(Annotation::reviewerId).distinct().count(),
                annotations.size(), modal, resamples, seed, new Raters(rating[0], rating[1]),
                new Raters(binarized[0], binarized[1]), SUCCESS_AT, tags);
    }

    private static AgreementSpec spec(Measure measure, Level level, OptionalDouble binarize) {
        return AgreementSpec.of(measure, measure == Measure.KRIPPENDORFF ? Optional.of(level) : Optional.empty(),
                Optional.empty(), binarize);
    }

    /** The most common number of reviews per attempt (the larger on a tie); 0 without reviews. */
    static int modalCount(Map<Long, List<Annotation>> byAttempt) {
        Map<Integer, Integer> counts = new HashMap<>();
        byAttempt.values().forEach(list -> counts.merge(list.size(), 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
    }

    /** Units with exactly {@code count} reviews; raters are review positions 1…count (Fleiss ignores identity). */
    private static Ratings slots(Map<Long, List<Annotation>> byAttempt, int count,
                                 ToDoubleFunction<Annotation> value, boolean withRedTeamer) {
        Ratings.Builder b = Ratings.builder();
        byAttempt.forEach((attempt, list) -> {
            if (list.size() != count) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                b.add(String.valueOf(attempt), "review-" + (i + 1), value.applyAsDouble(list.get(i)));
            }
            if (withRedTeamer) {
                b.add(String.valueOf(attempt), RED_TEAMER, list.get(0).redTeamRating());
            }
        });
        return b.build();
    }

    /** Every unit; raters are the reviewers (and the red teamer), missing where they did not rate. */
    private static Ratings reviewers(Map<Long, List<Annotation>> byAttempt,
                                     ToDoubleFunction<Annotation> value, boolean withRedTeamer) {
        Ratings.Builder b = Ratings.builder();
        byAttempt.forEach((attempt, list) -> {
            list.forEach(a -> b.add(String.valueOf(attempt), "reviewer-" + a.reviewerId(), value.applyAsDouble(a)));
            if (withRedTeamer) {
                b.add(String.valueOf(attempt), RED_TEAMER, list.get(0).redTeamRating());
            }
        });
        return b.build();
    }

    private static Estimate estimate(Ratings ratings, AgreementSpec spec, int resamples, long seed) {
        Agreement a = Agreement.of(ratings, spec, resamples, seed);
        boolean interval = resamples > 0 && !Double.isNaN(a.interval().lower());
        return new Estimate(a.coefficient().value(),
                interval ? Optional.of(List.of(a.interval().lower(), a.interval().upper())) : Optional.empty(),
                a.coefficient().unitsUsed(), a.raters(), a.coefficient().ratingsUsed(), a.coefficient().undefinedBecause());
    }
}
