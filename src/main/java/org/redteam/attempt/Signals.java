package org.redteam.attempt;

import java.util.List;
import java.util.Optional;

/** A red teamer's own signals on one attempt, both optional: flagged turns (in turn order) and the expertise answer. */
public record Signals(List<TurnFlag> flags, Optional<Expertise> expertise) {
    public static final Signals NONE = new Signals(List.of(), Optional.empty());

    public Signals {
        flags = List.copyOf(flags);
    }

    /** The flag of turn {@code turn}, if flagged. */
    public Optional<TurnFlag> flag(int turn) {
        return flags.stream().filter(f -> f.turn() == turn).findFirst();
    }

    public boolean isEmpty() {
        return flags.isEmpty() && expertise.isEmpty();
    }
}
