package org.redteam.analysis.report;

import gg.jte.Content;

/**
 * The hook for a section built elsewhere, such as the attack map of {@code analyze --map}: the report shows it
 * in its "Attack map" place and {@code summary.json} carries its summary. Without one the report says that no
 * map was made and stays valid.
 */
public interface ReportSection {
    /** The key in {@code summary.json} and the HTML id, e.g. {@code attack_map}; letters, digits, _ and - only. */
    String id();

    /** The section heading, plain text (escaped by the report). */
    String title();

    /**
     * The section body, written into the page as it comes: a jte template's output (so jte escaped every text in
     * it) that loads nothing from outside the page (inline SVG or a data: URL; scripts inline).
     */
    Content html();

    /** What {@code summary.json} holds under {@link #id()}: maps, lists, strings, numbers, booleans; null for none. */
    default Object summary() {
        return null;
    }
}
