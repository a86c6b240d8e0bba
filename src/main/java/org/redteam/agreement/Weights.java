package org.redteam.agreement;

import org.redteam.agreement.Agreement;

import java.util.Locale;
import org.redteam.problem.InvalidInputException;

/**
 * Agreement weights of a two-rater table (Cohen 1968): how much credit a pair of different values gets. For
 * values x_i, x_j on a scale of range R = max − min: none → 1 only when equal; linear → 1 − |x_i − x_j|/R;
 * quadratic (Fleiss &amp; Cohen 1973) → 1 − (x_i − x_j)²/R². A contingency table without values uses the
 * category positions 1…q, as Cohen and most software do.
 */
public enum Weights {
    NONE, LINEAR, QUADRATIC;

    /** The weight of values a and b on a scale of the given range (max − min of the categories). */
    double of(double a, double b, double range) {
        if (a == b) {
            return 1;
        }
        return switch (this) {
            case NONE -> 0;
            case LINEAR -> 1 - Math.abs(a - b) / range;
            case QUADRATIC -> 1 - (a - b) * (a - b) / (range * range);
        };
    }

    /** The weights named by a flag value: none, linear or quadratic (any case). */
    public static Weights parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown weights '" + name + "' (known: none, linear, quadratic)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
