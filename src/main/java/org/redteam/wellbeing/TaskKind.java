package org.redteam.wellbeing;

/** The two kinds of work a person does here, each with its own well-being survey count. */
public enum TaskKind {
    REVIEW("review"),
    RED_TEAM("red-team");

    private final String label;

    TaskKind(String label) {
        this.label = label;
    }

    /** As stored and shown: "review", "red-team". */
    public String label() {
        return label;
    }

    public static TaskKind parse(String label) {
        for (TaskKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown task kind '" + label + "'");
    }
}
