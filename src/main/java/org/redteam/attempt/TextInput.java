package org.redteam.attempt;

import org.redteam.problem.InvalidInputException;
import org.redteam.problem.StoredText;

/** The checks of a free-text input: present after stripping, not too long, storable. */
final class TextInput {
    private TextInput() {
    }

    static String text(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInputException(field + ": must not be empty");
        }
        if (stripped.length() > max) {
            throw new InvalidInputException(field + ": must be at most " + max + " characters, got " + stripped.length());
        }
        return StoredText.requireNoNul(field, stripped);
    }
}
