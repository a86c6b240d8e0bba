package org.redteam.agreement;

/**
 * Inter-annotator agreement of one ratings table: the coefficient a {@link AgreementSpec} asks for, its 95%
 * percentile bootstrap interval over units, and the table's size. Whatever the ratings come from (a CSV file,
 * a campaign's stored reviews) reaches this as a {@link Ratings}.
 *
 * @param spec        what was computed
 * @param coefficient the coefficient on the whole (prepared) table
 * @param interval    bootstrap over units; its {@code estimate} equals {@code coefficient.value()}
 * @param units       units in the table, including those that could not be used
 * @param raters      raters in the table
 * @param ratings     values given (not missing) in the table
 */
public record Agreement(AgreementSpec spec, Coefficient coefficient, Bootstrap.Interval interval, int units, int raters, int ratings) {

    /**
     * Computes the coefficient, then bootstraps it with {@code resamples} resamples seeded by {@code seed}
     * ({@code resamples} 0: no interval). Bad input for the measure (Cohen without exactly two raters, Fleiss with
     * differing numbers of ratings per unit, ratio with negative values) fails here, before any resampling.
     */
    public static Agreement of(Ratings ratings, AgreementSpec spec, int resamples, long seed) {
        Ratings prepared = spec.prepare(ratings);
        Coefficient coefficient = spec.coefficient(prepared);
        Bootstrap.Interval interval = Bootstrap.percentile(prepared, r -> spec.coefficient(r).value(), resamples, seed);
        return new Agreement(spec, coefficient, interval, ratings.unitCount(), ratings.raterCount(), ratings.valueCount());
    }
}
