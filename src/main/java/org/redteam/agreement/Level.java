package org.redteam.agreement;

import java.util.Locale;
import org.redteam.problem.InvalidInputException;

/**
 * Krippendorff's levels of measurement: which difference between two values counts as how much disagreement
 * (the squared distance δ² of Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 */
public enum Level {
    /** Categories: any two different values disagree fully (δ² = 1). */
    NOMINAL,
    /**
     * Ranks: δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², where n_g counts the pairable values equal to g; the
     * distance depends on how many values lie between c and k, not on their numeric gap.
     */
    ORDINAL,
    /** Numbers with a unit: δ² = (c − k)². */
    INTERVAL,
    /** Numbers with an absolute zero (values ≥ 0): δ² = ((c − k)/(c + k))². */
    RATIO;

    /** The level named by a flag value: nominal, ordinal, interval or ratio (any case). */
    public static Level parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown level '" + name + "' (known: nominal, ordinal, interval, ratio)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
