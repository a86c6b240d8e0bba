package org.redteam.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.redteam.analysis.TemplateFamilies;

/**
 * Applies an {@link AttackFilter} to the attacks of one source, offered one at a time in source order, and counts
 * why each one left out was: the first rule it fails (rating, tags, model type, judge), then one per template
 * family ({@code dedupeTemplates}: the first of each family in source order stays), then the seeded draw of
 * {@code limit} (the same attacks for the same seed and source, kept in source order). A source's own skips
 * (a transcript without a human turn, a null JailbreakBench prompt) are counted with {@link #skip}.
 */
public final class SuiteSelection {
    static final String LIMIT = "not drawn by --limit";
    static final String TEMPLATE = "same template family as a kept attack (--dedupe-templates)";

    private final AttackFilter filter;
    private final Predicate<Attack> judgedHarmful;
    private final List<Attack> passed = new ArrayList<>();
    private final Map<String, Long> leftOut = new LinkedHashMap<>();
    private long read;

    /** {@code judgedHarmful}: whether the filter's judge found the attack harmful (asked only when the filter names one). */
    public SuiteSelection(AttackFilter filter, Predicate<Attack> judgedHarmful) {
        this.filter = filter;
        this.judgedHarmful = judgedHarmful;
    }

    public SuiteSelection(AttackFilter filter) {
        this(filter, a -> {
            throw new IllegalStateException("no judge's verdicts for this source");
        });
    }

    /** What a suite was made of: the attacks kept, in source order, and why the others were not. */
    public record Selected(List<Attack> attacks, Summary summary) {
        public Selected {
            attacks = List.copyOf(attacks);
        }
    }

    /**
     * @param read    attacks (records, lines) read from the source
     * @param leftOut how many were left out, by reason, in the order the reasons first came up
     * @param kept    attacks kept
     */
    public record Summary(long read, Map<String, Long> leftOut, long kept) {
        public Summary {
            leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
        }

        /** As the suite commands print it; the last line is {@code attacks: N}. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("read: " + read);
            leftOut.forEach((reason, n) -> lines.add("left out, " + reason + ": " + n));
            lines.add("attacks: " + kept);
            return lines;
        }
    }

    /** Counts a record of the source that gave no attack at all. */
    public void skip(String reason) {
        read++;
        count(reason);
    }

    /** Offers the next attack of the source. */
    public void offer(Attack a) {
        read++;
        String reason = rejection(a);
        if (reason == null) {
            passed.add(a);
        } else {
            count(reason);
        }
    }

    private String rejection(Attack a) {
        if (filter.minRating().isPresent()) {
            double min = filter.minRating().getAsDouble();
            if (a.rating() == null) {
                return "no rating (--min-rating " + number(min) + ")";
            }
            if (a.rating() < min) {
                return "rating below " + number(min);
            }
        }
        if (!filter.tags().isEmpty() && a.tags().stream().noneMatch(filter.tags()::contains)) {
            return "none of the tags " + String.join(",", filter.tags());
        }
        if (filter.modelType().isPresent() && !filter.modelType().get().equals(a.modelType())) {
            return "model type not " + filter.modelType().get();
        }
        if (filter.judgedHarmfulBy().isPresent() && !judgedHarmful.test(a)) {
            return "not judged harmful by " + filter.judgedHarmfulBy().get();
        }
        return null;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private void count(String reason) {
        leftOut.merge(reason, 1L, Long::sum);
    }

    /** The attacks kept and the summary. */
    public Selected finish() {
        List<Attack> kept = filter.dedupeTemplates() ? onePerFamily(passed) : passed;
        if (filter.limit().isPresent() && kept.size() > filter.limit().getAsInt()) {
            kept = draw(kept, filter.limit().getAsInt(), filter.seed());
        }
        return new Selected(kept, new Summary(read, leftOut, kept.size()));
    }

    private List<Attack> onePerFamily(List<Attack> attacks) {
        int[] family = TemplateFamilies.familyOf(attacks.stream().map(a -> a.turns().get(0)).toList());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        List<Attack> kept = new ArrayList<>();
        for (int i = 0; i < family.length; i++) {
            if (family[i] < 0 || seen.add(family[i])) {
                kept.add(attacks.get(i));
            } else {
                count(TEMPLATE);
            }
        }
        return kept;
    }

    /** {@code n} of {@code attacks} drawn with {@code seed} (a partial Fisher–Yates shuffle), in source order. */
    private List<Attack> draw(List<Attack> attacks, int n, long seed) {
        int[] index = new int[attacks.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(index, n);
        java.util.Arrays.sort(chosen);
        List<Attack> kept = new ArrayList<>();
        for (int i : chosen) {
            kept.add(attacks.get(i));
        }
        leftOut.merge(LIMIT, (long) (attacks.size() - n), Long::sum);
        return kept;
    }
}
