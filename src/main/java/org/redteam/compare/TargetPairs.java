package org.redteam.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which automated target is which human one. People's targets are {@code model_type/num_params}, automated runs'
 * are target ids: an automated id pairs with a human target when {@code --pair ID=MODEL_TYPE/NUM_PARAMS} says so,
 * else when both are equal once lower-cased with everything but letters and digits removed ("rlhf-52B" pairs with
 * "rlhf/52B"), else, for a demo target of a store (its model type labelled "rlhf (demo)"), when the id is the
 * demo campaign's "demo-rlhf-52B" or "rlhf-52B". Unpaired targets of either side get rows of their own.
 */
final class TargetPairs {

    private TargetPairs() {
    }

    /** How a store labels a demo target's model type (target.Target's label), e.g. "rlhf (demo)/52B". */
    private static final String DEMO = " (demo)";

    static String normalised(String target) {
        return target.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    static List<CompareResult.TargetRow> rows(Map<String, CompareResult.Rate> human, Map<String, CompareResult.Rate> automated,
                                              Map<String, String> pairs) {
        List<CompareResult.TargetRow> rows = new ArrayList<>();
        Set<String> pairedHumans = new HashSet<>();
        List<CompareResult.TargetRow> alone = new ArrayList<>();
        for (var a : automated.entrySet()) {
            String match = pairs.get(a.getKey());
            if (match == null || !human.containsKey(match)) {
                String id = normalised(a.getKey());
                match = human.keySet().stream().filter(h -> !pairedHumans.contains(h) && normalised(h).equals(id))
                        .findFirst().orElseGet(() -> human.keySet().stream()
                                .filter(h -> !pairedHumans.contains(h) && demoNames(h).contains(id)).findFirst().orElse(null));
            }
            if (match != null && pairedHumans.add(match)) {
                rows.add(new CompareResult.TargetRow(match, a.getKey(), human.get(match), a.getValue()));
            } else {
                alone.add(new CompareResult.TargetRow(null, a.getKey(), null, a.getValue()));
            }
        }
        for (var h : human.entrySet()) {
            if (!pairedHumans.contains(h.getKey())) {
                rows.add(new CompareResult.TargetRow(h.getKey(), null, h.getValue(), null));
            }
        }
        rows.addAll(alone);
        return rows;
    }

    /** The normalised ids a stored demo target goes by: "rlhf (demo)/52B" → rlhf52b, demorlhf52b; none for others. */
    static List<String> demoNames(String human) {
        if (!human.contains(DEMO)) {
            return List.of();
        }
        String plain = normalised(human.replace(DEMO, ""));
        return List.of(plain, "demo" + plain);
    }
}
