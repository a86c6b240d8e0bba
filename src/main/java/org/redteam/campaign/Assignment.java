package org.redteam.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random, blind, balanced assignment of a new attempt to a target: the targets with the fewest
 * attempts in the campaign; among those, the ones this worker has met least; among those, a seeded
 * random draw. The draw for the {@code seq}-th assignment of a campaign depends only on the
 * campaign's seed and {@code seq}, so a stored campaign's assignments can be replayed exactly.
 */
public final class Assignment {

    private Assignment() {
    }

    /**
     * @param targetRowIds   the active targets (row ids), in a stable order
     * @param campaignCounts attempts per target in the campaign so far (absent = 0)
     * @param workerCounts   attempts per target by this worker so far (absent = 0)
     */
    public static long choose(List<Long> targetRowIds, Map<Long, Integer> campaignCounts,
                              Map<Long, Integer> workerCounts, long seed, long seq) {
        if (targetRowIds.isEmpty()) {
            throw new IllegalArgumentException("a campaign needs at least one active target");
        }
        Comparator<Long> fewestFirst = Comparator.<Long>comparingInt(t -> campaignCounts.getOrDefault(t, 0))
                .thenComparingInt(t -> workerCounts.getOrDefault(t, 0));
        Long best = targetRowIds.stream().min(fewestFirst).orElseThrow();
        List<Long> tied = new ArrayList<>();
        for (Long t : targetRowIds) {
            if (fewestFirst.compare(t, best) == 0) {
                tied.add(t);
            }
        }
        SplittableRandom random = new SplittableRandom(seed ^ (seq * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        return tied.get(random.nextInt(tied.size()));
    }
}
