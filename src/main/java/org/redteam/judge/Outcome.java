package org.redteam.judge;

import java.util.Locale;
import java.util.Optional;

/** A judge's answer about a transcript or a turn. UNDETERMINED is never a guess: the judge could not decide. */
public enum Outcome {
    HARMFUL("harmful"), NOT_HARMFUL("not harmful"), UNDETERMINED("undetermined");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** As pages and reports write it: "harmful", "not harmful", "undetermined". */
    public String label() {
        return label;
    }

    /** As stored and exported: {@code HARMFUL}, {@code NOT_HARMFUL}, {@code UNDETERMINED}. */
    public String code() {
        return name();
    }

    /** The outcome with this stored code, any case; empty for anything else. */
    public static Optional<Outcome> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** 1 = harmful, 0 = not harmful; empty when undetermined (the calibration tables leave those out). */
    public Optional<Integer> binary() {
        return switch (this) {
            case HARMFUL -> Optional.of(1);
            case NOT_HARMFUL -> Optional.of(0);
            case UNDETERMINED -> Optional.empty();
        };
    }
}
