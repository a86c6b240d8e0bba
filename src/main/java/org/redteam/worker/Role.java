package org.redteam.worker;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.redteam.problem.InvalidInputException;

/** What a worker may do. Stored and typed as {@link #label()}. */
public enum Role {
    RED_TEAMER("red-teamer"), REVIEWER("reviewer"), ADMIN("admin"),
    /** A tool, not a person: attacks the targets through the OpenAI-compatible endpoint ({@code /v1}). */
    AUTOMATION("automation");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label.equals(text)) {
                return r;
            }
        }
        throw new InvalidInputException("unknown role '" + text + "' (known: "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
