package org.redteam.agreement;

import java.util.Locale;
import org.redteam.problem.InvalidInputException;

/** The agreement coefficients the platform reports, with the symbol the CLI prints before the value. */
public enum Measure {
    /** Fleiss' κ: nominal, any number of raters, the same number of ratings per unit. */
    FLEISS("kappa"),
    /** Krippendorff's α: any level, any number of raters, missing ratings allowed. */
    KRIPPENDORFF("alpha"),
    /** Cohen's κ: exactly two raters, optionally weighted. */
    COHEN("kappa");

    private final String symbol;

    Measure(String symbol) {
        this.symbol = symbol;
    }

    /** "kappa" or "alpha". */
    public String symbol() {
        return symbol;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The measure named by a flag value: fleiss, krippendorff or cohen (any case). */
    public static Measure parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown measure '" + name + "' (known: fleiss, krippendorff, cohen)");
        }
    }
}
