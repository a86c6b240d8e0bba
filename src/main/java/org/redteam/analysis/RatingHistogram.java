package org.redteam.analysis;

import org.redteam.agreement.Ratings;

import java.util.List;
import java.util.stream.LongStream;

/**
 * Attempts per self-rating bin 0–4. Ratings are floats in the data (the release has only 0.0, 1.0, …, 4.0); a
 * rating r counts in bin ⌊r⌋, and 4.0 in bin 4, so bin k holds k ≤ r &lt; k + 1 and a success (r ≥ 3) is exactly
 * bins 3 and 4. {@code nonInteger} counts the ratings that were not whole numbers.
 */
public record RatingHistogram(List<Long> counts, long nonInteger) {
    public static final int BINS = 5;

    public RatingHistogram {
        counts = List.copyOf(counts);
    }

    /** The bin of a rating from 0 to 4 (values outside are clamped to the nearest bin). */
    public static int bin(double rating) {
        return (int) Math.max(0, Math.min(BINS - 1, Math.floor(rating)));
    }

    static RatingHistogram of(Attacks attacks) {
        long[] counts = new long[BINS];
        long nonInteger = 0;
        for (int i = 0; i < attacks.size(); i++) {
            double r = attacks.rating(i);
            counts[bin(r)]++;
            if (r != Math.rint(r)) {
                nonInteger++;
            }
        }
        return new RatingHistogram(LongStream.of(counts).boxed().toList(), nonInteger);
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
