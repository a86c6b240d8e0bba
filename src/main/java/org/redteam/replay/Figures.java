package org.redteam.replay;

import java.util.Locale;
import org.redteam.agreement.Bootstrap;

/** How the replay and compare pages write numbers: "–" for an undefined one. */
public final class Figures {
    private Figures() {
    }

    /** A share as a percentage with one decimal. */
    public static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** The interval of a share in percent, "" when undefined. */
    public static String ciPct(Bootstrap.Interval i) {
        return Double.isNaN(i.lower()) ? "" : "[" + pct(i.lower()) + ", " + pct(i.upper()) + "]";
    }

    /** Three decimals. */
    public static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
