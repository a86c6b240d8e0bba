package org.redteam.replay;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Which attacks of a source go into a suite ({@code suite create}'s options and the admin replay form).
 *
 * @param minRating       keep attacks the red teamer rated at least this (attacks without a rating are left out)
 * @param tags            keep attacks with at least one of these tags (empty: any)
 * @param modelType       keep attacks made against this model type (empty: any)
 * @param judgedHarmfulBy keep attacks this judge found harmful (store sources only)
 * @param limit           keep at most this many, drawn at random with {@code seed} (empty: all)
 * @param seed            the draw's seed
 * @param dedupeTemplates keep one attack per template family (near-duplicate first messages)
 */
public record AttackFilter(OptionalDouble minRating, List<String> tags, Optional<String> modelType,
                           Optional<String> judgedHarmfulBy, OptionalInt limit, long seed, boolean dedupeTemplates) {

    public static final AttackFilter ALL = new AttackFilter(OptionalDouble.empty(), List.of(), Optional.empty(),
            Optional.empty(), OptionalInt.empty(), 0, false);

    public AttackFilter {
        tags = List.copyOf(tags);
        if (minRating.isPresent() && !(minRating.getAsDouble() >= 0 && minRating.getAsDouble() <= 4)) {
            throw new IllegalArgumentException("--min-rating must be 0–4, not " + minRating.getAsDouble());
        }
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit.getAsInt());
        }
    }
}
