package org.redteam.judge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per tag, a judge's tags against reference tags (e.g. the reviewers'), unit by unit: for tag g, "judge tagged g"
 * against "reference tagged g" is a {@link Confusion}, whose precision and recall are the tag's. Every tag named
 * by either side on any unit gets a row, in name order.
 */
public final class TagCalibration {

    private TagCalibration() {
    }

    /** {@code judge.get(i)} and {@code reference.get(i)} are the tags of one unit. */
    public static Map<String, Confusion> of(List<Set<String>> judge, List<Set<String>> reference) {
        if (judge.size() != reference.size()) {
            throw new IllegalArgumentException("paired tag lists differ in length: " + judge.size() + " and " + reference.size());
        }
        Set<String> tags = new TreeSet<>();
        judge.forEach(tags::addAll);
        reference.forEach(tags::addAll);
        Map<String, Confusion> out = new TreeMap<>();
        for (String tag : tags) {
            int[] j = judge.stream().mapToInt(s -> s.contains(tag) ? 1 : 0).toArray();
            int[] r = reference.stream().mapToInt(s -> s.contains(tag) ? 1 : 0).toArray();
            out.put(tag, Confusion.of(j, r));
        }
        return out;
    }
}
