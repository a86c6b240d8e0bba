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

    /** The report as JSON-ready maps and lists. */
    public static Map<String, Object> of(List<Annotation> annotations, List<String> taxonomy,
                                         int resamples, long seed) {
        Map<Long, List<Annotation>> byAttempt = new TreeMap<>();
        annotations.forEach(a -> byAttempt.computeIfAbsent(a.attemptId(), k -> new ArrayList<>()).add(a));
        int modal = modalCount(byAttempt);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("units", byAttempt.size());
        report.put("raters", annotations.stream().map(Annotation::reviewerId).distinct().count());
        report.put("annotations", annotations.size());
        report.put("reviewsPerUnitForFleiss", modal);
        report.put("resamples", resamples);
        report.put("seed", seed);
        report.put("interval", "95% percentile bootstrap over units (attempts), seeded");

        Map<String, Object> rating = new LinkedHashMap<>();
        Map<String, Object> binarized = new LinkedHashMap<>();
        for (boolean withRedTeamer : new boolean[] {false, true}) {
            String key = withRedTeamer ? "withRedTeamer" : "reviewers";
            Ratings bySlot = slots(byAttempt, modal, a -> a.rating(), withRedTeamer);
            Ratings byReviewer = reviewers(byAttempt, a -> a.rating(), withRedTeamer);
            rating.put(key, Map.of(
                    "fleissKappa", entry(bySlot, spec(Measure.FLEISS, Level.NOMINAL, OptionalDouble.empty()), resamples, seed),
                    "krippendorffAlphaOrdinal", entry(byReviewer, spec(Measure.KRIPPENDORFF, Level.ORDINAL, OptionalDouble.empty()),
                            resamples, seed)));
            binarized.put(key, Map.of(
                    "fleissKappa", entry(bySlot, spec(Measure.FLEISS, Level.NOMINAL, OptionalDouble.of(SUCCESS_AT)), resamples, seed),
                    "krippendorffAlphaNominal", entry(byReviewer, spec(Measure.KRIPPENDORFF, Level.NOMINAL,
                            OptionalDouble.of(SUCCESS_AT)), resamples, seed)));
        }
        report.put("rating", rating);
        binarized.put("threshold", SUCCESS_AT);
        report.put("binarized", binarized);

        Map<String, Object> tags = new LinkedHashMap<>();
        for (String tag : taxonomy) {
            if (annotations.stream().noneMatch(a -> a.tags().contains(tag))) {
                continue;
            }
            ToDoubleFunction<Annotation> gave = a -> a.tags().contains(tag) ? 1 : 0;
            tags.put(tag, Map.of(
                    "given", annotations.stream().filter(a -> a.tags().contains(tag)).count(),
                    "fleissKappa", entry(slots(byAttempt, modal, gave, false), spec(Measure.FLEISS, Level.NOMINAL,
                            OptionalDouble.empty()), resamples, seed),
                    "krippendorffAlphaNominal", entry(reviewers(byAttempt, gave, false), spec(Measure.KRIPPENDORFF,
                            Level.NOMINAL, OptionalDouble.empty()), resamples, seed)));
        }
        report.put("tags", tags);
        return report;
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

    private static Map<String, Object> entry(Ratings ratings, AgreementSpec spec, int resamples, long seed) {
        Map<String, Object> e = new LinkedHashMap<>();
        Agreement a = Agreement.of(ratings, spec, resamples, seed);
        double v = a.coefficient().value();
        e.put("value", Double.isNaN(v) ? null : v);
        boolean interval = resamples > 0 && !Double.isNaN(a.interval().lower());
        e.put("ci95", interval ? List.of(a.interval().lower(), a.interval().upper()) : null);
        e.put("units", a.coefficient().unitsUsed());
        e.put("raters", a.raters());
        e.put("ratings", a.coefficient().ratingsUsed());
        a.coefficient().undefinedBecause().ifPresent(why -> e.put("undefinedBecause", why));
        return e;
    }
}
