package org.redteam.release;

import java.util.List;

/**
 * The documented extension of a released record ({@code export --with-signals}, docs/data-formats.md): the red
 * teamer's flags {@code red_team_flags: [{turn, reason}]} (turn: 0-based index of the flagged assistant turn; reason
 * "" when none given), {@code needed_expertise} (true, false, or null when not answered) and {@code expertise_area}
 * (null when not said). Written after the ten released keys; without the flag nothing of it is written.
 */
public record ReleasedSignals(List<Flag> flags, Boolean neededExpertise, String expertiseArea) {
    public static final List<String> KEYS = List.of("red_team_flags", "needed_expertise", "expertise_area");
    /** What a record without signals carries. */
    public static final ReleasedSignals NONE = new ReleasedSignals(List.of(), null, null);

    public ReleasedSignals {
        flags = List.copyOf(flags);
    }

    public record Flag(int turn, String reason) {
    }
}
