package org.redteam.analysis.map;

/**
 * What a map build reports while it runs; called on the building thread. Only texts missing from
 * the cache are embedded, so {@code total} of {@link #embedded} is the number of cache misses.
 */
public interface ProgressListener {

    /** {@code done} of {@code total} uncached texts embedded; told (0, total) first, only when total &gt; 0. */
    void embedded(int done, int total);

    /** UMAP's own progress (neighbour search and epochs); its total may grow while it runs. */
    default void layout(int done, int total) {
    }

    /** Something went wrong that the build survived, e.g. a damaged cache file. */
    default void warning(String message) {
    }

    ProgressListener NONE = (done, total) -> { };
}
