package org.redteam.analysis.map;

import java.util.Objects;
import org.redteam.conversation.Transcript;
import org.redteam.release.ReleasedRecord;

/**
 * One attack to place on the map.
 *
 * @param id              the caller's key for the attack (e.g. the record's position in the file)
 * @param text            what is embedded: the task description, or the first human turn when it is blank
 * @param modelType       e.g. "rlhf"; the map's filter
 * @param numParams       e.g. "52B"
 * @param minHarmlessness the transcript's minimum harmlessness (higher = more harmless); null when unscored
 */
public record MapInput(String id, String text, String modelType, String numParams, Double minHarmlessness) {

    public MapInput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(numParams, "numParams");
    }

    /** A released record: its task description, or its first human turn when the description is blank. */
    public static MapInput of(String id, ReleasedRecord r) {
        String text = r.taskDescription().isBlank() ? firstHumanTurn(r.transcript()) : r.taskDescription().strip();
        return new MapInput(id, text, r.modelType(), r.numParams(), r.minHarmlessnessScoreTranscript());
    }

    /** The text of the first human turn, stripped; "" when none. */
    static String firstHumanTurn(String transcript) {
        return Transcript.parse(transcript).firstHuman().orElse("");
    }
}
