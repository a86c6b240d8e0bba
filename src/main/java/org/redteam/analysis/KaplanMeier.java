package org.redteam.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The Kaplan–Meier estimate of "not yet broken after t turns" from attempts that broke at a turn (an event) or
 * ended unbroken after their last turn (censored there). At each time t with n_t attempts at risk and d_t
 * breaking, S(t) = Π (1 − d_i/n_i) over times ≤ t. An attempt censored at t is still at risk at t (it was seen
 * not to break on its last turn). Greenwood's variance Var S(t) = S(t)² Σ d_i / (n_i (n_i − d_i)) gives the
 * plain 95% interval S ± 1.96 √Var, clipped to [0, 1]; {@code NaN} bounds once S reaches 0 (the sum is infinite
 * there). The median is the first t with S(t) ≤ 0.5, absent ("not reached") when S stays above 0.5. Pure.
 */
public final class KaplanMeier {
    static final double Z95 = 1.959963984540054;

    /** One attempt: {@code broke} at turn {@code turns} (1-based), or never broke in its {@code turns} turns. */
    public record Observation(int turns, boolean broke) {
        public Observation {
            if (turns < 1) {
                throw new IllegalArgumentException("an observation needs at least 1 turn, got " + turns);
            }
        }
    }

    /** One time where something happened: attempts at risk, breaking and censored there, and S(t) with its interval. */
    public record Step(int turn, int atRisk, int broke, int censored, double survival, double lower, double upper) {
    }

    /** The curve's steps in turn order and the median turns to break, if reached. */
    public record Curve(int attempts, int broke, List<Step> steps, OptionalInt median) {
        public Curve {
            steps = List.copyOf(steps);
        }
    }

    private KaplanMeier() {
    }

    public static Curve of(List<Observation> observations) {
        TreeMap<Integer, int[]> byTurn = new TreeMap<>(); // turn → {broke, censored}
        for (Observation o : observations) {
            byTurn.computeIfAbsent(o.turns(), t -> new int[2])[o.broke() ? 0 : 1]++;
        }
        int atRisk = observations.size();
        int brokeTotal = 0;
        double survival = 1;
        double greenwood = 0;
        OptionalInt median = OptionalInt.empty();
        List<Step> steps = new ArrayList<>();
        for (var e : byTurn.entrySet()) {
            int d = e.getValue()[0];
            int c = e.getValue()[1];
            if (d > 0) {
                survival *= 1 - (double) d / atRisk;
                greenwood += d == atRisk ? Double.POSITIVE_INFINITY : (double) d / ((double) atRisk * (atRisk - d));
                if (median.isEmpty() && survival <= 0.5) {
                    median = OptionalInt.of(e.getKey());
                }
            }
            double se = survival * Math.sqrt(greenwood);
            boolean defined = Double.isFinite(greenwood);
            steps.add(new Step(e.getKey(), atRisk, d, c, survival,
                    defined ? Math.max(0, survival - Z95 * se) : Double.NaN,
                    defined ? Math.min(1, survival + Z95 * se) : Double.NaN));
            atRisk -= d + c;
            brokeTotal += d;
        }
        return new Curve(observations.size(), brokeTotal, steps, median);
    }
}
