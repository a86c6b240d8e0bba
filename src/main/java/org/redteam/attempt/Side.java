package org.redteam.attempt;

import org.redteam.problem.InvalidInputException;

/** The two candidate responses of a turn, shown side by side. */
public enum Side {
    A, B;

    public static Side parse(String text) {
        if ("A".equals(text)) {
            return A;
        }
        if ("B".equals(text)) {
            return B;
        }
        throw new InvalidInputException("moreHarmful: must be \"A\" or \"B\", got " + (text == null ? "nothing" : "\"" + text + "\""));
    }

    public Side other() {
        return this == A ? B : A;
    }
}
