package org.redteam.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code expertise_areas: [..]}: the areas of domain expertise a red teamer may pick at the rating step
 * (free text is always allowed too). Each area is short text, listed once; none by default.
 */
final class ExpertiseConfig {
    /** The longest area, in characters; the same cap as a red teamer's free-text area. */
    static final int MAX_AREA = 100;
    static final int MAX_AREAS = 50;

    private ExpertiseConfig() {
    }

    static List<String> parse(Node root) {
        List<String> areas = root.textList("expertise_areas").orElse(List.of());
        if (areas.size() > MAX_AREAS) {
            root.error("expertise_areas", "lists " + areas.size() + " areas; at most " + MAX_AREAS + " are allowed");
        }
        Set<String> seen = new HashSet<>();
        for (String area : areas) {
            if (area.length() > MAX_AREA) {
                root.error("expertise_areas", "'" + area.substring(0, 20) + "…' is longer than " + MAX_AREA + " characters");
            } else if (!seen.add(area.toLowerCase(java.util.Locale.ROOT))) {
                root.error("expertise_areas", "'" + area + "' is listed twice");
            }
        }
        return areas;
    }
}
