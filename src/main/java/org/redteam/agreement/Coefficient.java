package org.redteam.agreement;

import java.util.Optional;

/**
 * One agreement coefficient computed on one table, with what it was computed from. A coefficient that the
 * data cannot define (no pairable ratings, or no variation: chance agreement 1, expected disagreement 0) is
 * {@code NaN}, never silently 0 or 1, and {@link #undefinedBecause()} says why.
 */
public sealed interface Coefficient permits FleissKappa.Result, KrippendorffAlpha.Result, CohenKappa.Result, GwetAc.Result {

    /** κ or α; 1 = perfect agreement, 0 = chance level; {@code NaN} when undefined. */
    double value();

    /** Units that entered the computation. */
    int unitsUsed();

    /** Values (single ratings) that entered the computation. */
    int ratingsUsed();

    /** Why {@link #value()} is {@code NaN}; empty when it is a number. */
    Optional<String> undefinedBecause();
}
