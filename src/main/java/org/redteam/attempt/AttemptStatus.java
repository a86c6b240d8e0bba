package org.redteam.attempt;

/** Open while the red teamer chats; submitted once rated, after which nothing changes. */
public enum AttemptStatus {
    OPEN("open"), SUBMITTED("submitted");

    private final String label;

    AttemptStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AttemptStatus parse(String label) {
        for (AttemptStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown attempt status '" + label + "'");
    }
}
