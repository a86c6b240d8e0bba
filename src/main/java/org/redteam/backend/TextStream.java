package org.redteam.backend;

/**
 * Receives candidate text as a streaming backend produces it. Calls for different indexes may come
 * from different threads at once; the calls for one index come in order.
 */
@FunctionalInterface
public interface TextStream {

    /** Nobody listens: backends do not stream. */
    TextStream NONE = (index, text) -> { };

    /** {@code text} continues completion number {@code index} (0-based) of the request. */
    void delta(int index, String text);
}
