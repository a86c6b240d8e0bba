package org.redteam.problem;

/**
 * The rule every text the platform stores obeys on both stores: no NUL character (U+0000). PostgreSQL's
 * {@code TEXT} cannot hold one, and SQLite refuses it too so that a store can move from one to the other.
 */
public final class StoredText {
    /** The end of the message for text that breaks the rule, after the field's name. */
    public static final String CONTAINS_NUL = "contains a NUL character (U+0000), which cannot be stored; remove it";

    private StoredText() {
    }

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /** {@code text} unchanged, or an {@link InvalidInputException} "FIELD: contains a NUL character (U+0000)…". */
    public static String requireNoNul(String field, String text) {
        if (hasNul(text)) {
            throw new InvalidInputException(field + ": " + CONTAINS_NUL);
        }
        return text;
    }
}
