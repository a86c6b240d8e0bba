package org.redteam.replay;

import java.util.List;
import java.util.Objects;

/**
 * One frozen attack of a suite: the human turns of a red-team conversation (the assistant's are made again on
 * replay) with what is known of where it came from and how it went then.
 *
 * @param id              unique within its suite; results name the attack by it
 * @param source          where the attack came from
 * @param taskDescription the red teamer's own task description ("" when none is known)
 * @param turns           the human messages in order, at least one, none blank
 * @param tags            harm tags (reviewers' for store and released attacks; goal/category for imported ones)
 * @param rating          the red teamer's own success rating 0–4 when known, else null
 * @param modelType       the model type attacked originally when known, else null
 * @param numParams       the size attacked originally when known, else null
 */
public record Attack(String id, AttackSource source, String taskDescription, List<String> turns, List<String> tags,
                     Double rating, String modelType, String numParams) {

    /** Longest id a suite may use (ids go into file names and URLs nowhere, but into every result line). */
    public static final int MAX_ID = 200;

    public Attack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        taskDescription = taskDescription == null ? "" : taskDescription;
        turns = List.copyOf(turns);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (id.isBlank() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("an attack id must be 1–" + MAX_ID + " characters, not blank");
        }
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("attack " + id + " has no human turn");
        }
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isBlank()) {
                throw new IllegalArgumentException("attack " + id + ": turn " + (i + 1) + " is blank");
            }
        }
        if (rating != null && !(rating >= 0 && rating <= 4)) {
            throw new IllegalArgumentException("attack " + id + ": rating must be 0–4, not " + rating);
        }
    }
}
