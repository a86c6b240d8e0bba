package org.redteam.agreement;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The units of a table that have the most common number of values, so that Fleiss' κ (which needs the same
 * number of ratings for every unit) can run on a store where some attempts got fewer or more reviews than
 * the rest. Units are kept in their order; units without any value are dropped too (Fleiss ignores them).
 *
 * @param ratings     the kept units, every one with {@code perUnit} values
 * @param perUnit     the modal number of values per unit; on a tie the larger number (more pairs per unit);
 *                    0 when no unit has a value
 * @param unitsByCount number of values → how many units have that many, over the whole table (0 included)
 */
public record ModalUnits(Ratings ratings, int perUnit, SortedMap<Integer, Integer> unitsByCount) {

    public ModalUnits {
        unitsByCount = Collections.unmodifiableSortedMap(new TreeMap<>(unitsByCount));
    }

    public static ModalUnits of(Ratings all) {
        SortedMap<Integer, Integer> byCount = new TreeMap<>();
        for (int u = 0; u < all.unitCount(); u++) {
            byCount.merge(all.valuesOf(u).length, 1, Integer::sum);
        }
        int modal = 0;
        int most = 0;
        for (Map.Entry<Integer, Integer> e : byCount.entrySet()) {
            if (e.getKey() > 0 && e.getValue() >= most) {
                modal = e.getKey();
                most = e.getValue();
            }
        }
        int wanted = modal;
        int[] kept = IntStream.range(0, all.unitCount())
                .filter(u -> wanted > 0 && all.valuesOf(u).length == wanted).toArray();
        return new ModalUnits(all.select(kept), modal, byCount);
    }

    /** Units left out: those with another number of values, or none. */
    public int dropped() {
        return unitsByCount.values().stream().mapToInt(Integer::intValue).sum() - ratings.unitCount();
    }
}
