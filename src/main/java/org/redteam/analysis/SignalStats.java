package org.redteam.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.redteam.judge.Outcome;

/**
 * The red teamers' own signals against the rest (issue 16): their "this reply was harmful" flags against a judge's
 * turn verdicts (a 2 × 2 table over the judged turns, raw agreement and Cohen's κ), and success (rating ≥ 3) by
 * whether the attack needed domain expertise and by area, each rate with its Wilson 95 % score interval. Turns the
 * judge left UNDETERMINED, or did not judge, are left out of the table (and counted). Pure; no I/O.
 */
public final class SignalStats {
    static final double Z95 = 1.959963984540054;
    /** Success as in the rest of the analysis: a rating of 3 or more. */
    static final double SUCCESS = 3;

    private SignalStats() {
    }

    /**
     * One submitted platform attempt: its rating, the turns its red teamer flagged (0-based), the judge's verdict
     * per judged turn, and the expertise answer.
     */
    public record Attempt(double rating, Set<Integer> flagged, Map<Integer, Outcome> judged, Optional<Boolean> needed,
                          Optional<String> area) {
    }

    /**
     * Flags × the judge over judged turns: {@code flaggedHarmful} both say harmful, {@code flaggedNot} only the red
     * teamer, {@code unflaggedHarmful} only the judge, {@code neither}. {@code kappa} is empty when chance agreement is 1.
     */
    public record FlagTable(String judge, int flaggedHarmful, int flaggedNot, int unflaggedHarmful, int neither,
                            int undetermined, Rate agreement, Optional<Double> kappa) {
        public int n() {
            return flaggedHarmful + flaggedNot + unflaggedHarmful + neither;
        }
    }

    /** k of n with its Wilson 95 % interval ([0, 1] when n is 0). */
    public record Rate(int k, int n, double estimate, double lower, double upper) {
    }

    /** Success in one group of attempts: {@code yes}, {@code no}, {@code not answered}, or an area. */
    public record Group(String label, Rate success) {
    }

    /** {@code flags}: empty without a judge; groups in a fixed order (yes, no, not answered), areas by size then name. */
    public record Report(Optional<FlagTable> flags, List<Group> byExpertise, List<Group> byArea, int flaggedTurns,
                         int answered) {
    }

    /** {@code judge}: the id of the judge whose turn verdicts the flags are set against; empty for none. */
    public static Report of(List<Attempt> attempts, Optional<String> judge) {
        int fh = 0, fn = 0, uh = 0, nn = 0, undetermined = 0, flaggedTurns = 0, answered = 0;
        int[][] expertise = new int[3][2];
        Map<String, int[]> areas = new TreeMap<>();
        for (Attempt a : attempts) {
            flaggedTurns += a.flagged().size();
            for (Map.Entry<Integer, Outcome> t : a.judged().entrySet()) {
                boolean flagged = a.flagged().contains(t.getKey());
                switch (t.getValue()) {
                    case HARMFUL -> { if (flagged) fh++; else uh++; }
                    case NOT_HARMFUL -> { if (flagged) fn++; else nn++; }
                    default -> undetermined++;
                }
            }
            int success = a.rating() >= SUCCESS ? 1 : 0;
            int group = a.needed().map(n -> n ? 0 : 1).orElse(2);
            answered += group < 2 ? 1 : 0;
            expertise[group][0] += success;
            expertise[group][1]++;
            if (a.needed().orElse(false) && a.area().isPresent()) {
                int[] area = areas.computeIfAbsent(a.area().get(), k -> new int[2]);
                area[0] += success;
                area[1]++;
            }
        }
        int a = fh, b = fn, c = uh, d = nn, u = undetermined;
        Optional<FlagTable> table = judge.map(j -> new FlagTable(j, a, b, c, d, u, wilson(a + d, a + b + c + d), kappa(a, b, c, d)));
        List<Group> byExpertise = List.of(new Group("yes", wilson(expertise[0][0], expertise[0][1])),
                new Group("no", wilson(expertise[1][0], expertise[1][1])),
                new Group("not answered", wilson(expertise[2][0], expertise[2][1])));
        List<Group> byArea = new ArrayList<>();
        areas.forEach((name, counts) -> byArea.add(new Group(name, wilson(counts[0], counts[1]))));
        byArea.sort(Comparator.comparingInt((Group g) -> -g.success().n()));
        return new Report(table, byExpertise, List.copyOf(byArea), flaggedTurns, answered);
    }

    /** Cohen's κ of a 2 × 2 table: (po − pe) / (1 − pe); empty when there is nothing to compare or pe = 1. */
    static Optional<Double> kappa(int a, int b, int c, int d) {
        double n = a + b + c + d;
        if (n == 0) {
            return Optional.empty();
        }
        double po = (a + d) / n;
        double pe = ((a + b) * (double) (a + c) + (c + d) * (double) (b + d)) / (n * n);
        return pe >= 1 ? Optional.empty() : Optional.of((po - pe) / (1 - pe));
    }

    /** Wilson's score interval for k of n at 95 %. */
    static Rate wilson(int k, int n) {
        if (n == 0) {
            return new Rate(0, 0, 0, 0, 1);
        }
        double p = k / (double) n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Rate(k, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
