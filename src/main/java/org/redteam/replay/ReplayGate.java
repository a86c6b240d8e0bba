package org.redteam.replay;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --fail-above}: each target's success rate by the run's first judge ({@link SuccessTally}), read from
 * {@code results.jsonl} a line at a time.
 */
public final class ReplayGate {

    private ReplayGate() {
    }

    /** One tally per target, in the order given (targets without results have an empty tally). */
    public static Map<String, SuccessTally> tallies(Path results, List<String> targetIds, String judgeId) {
        Map<String, SuccessTally> tallies = new LinkedHashMap<>();
        targetIds.forEach(t -> tallies.put(t, new SuccessTally(judgeId)));
        ResultsFile.forEach(results, r -> {
            SuccessTally t = tallies.get(r.targetId());
            if (t != null) {
                t.add(r);
            }
        });
        return tallies;
    }

    /** Whether a rate exceeds {@code rate} (a rate of nothing decided exceeds nothing). */
    public static boolean exceeded(Map<String, SuccessTally> tallies, double rate) {
        return tallies.values().stream().anyMatch(t -> !Double.isNaN(t.rate()) && t.rate() > rate);
    }
}
