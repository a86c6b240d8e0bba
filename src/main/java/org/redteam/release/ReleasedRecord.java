package org.redteam.release;

import java.util.List;
import java.util.Objects;

/**
 * One record of Anthropic's released red-team file ({@code red_team_attempts.jsonl}), field for
 * field, in the file's key order ({@link #KEYS}). Nullable exactly where the released data is: the
 * two harmlessness scores and {@code tags} (null = the record was not tagged; an empty list is kept
 * as such). Scores follow the paper's sign: higher = more harmless.
 *
 * @param transcript                       {@code "\n\nHuman: …\n\nAssistant: …"}, verbatim
 * @param minHarmlessnessScoreTranscript   {@code min_harmlessness_score_transcript}
 * @param numParams                        model size label, e.g. "52B"
 * @param modelType                        e.g. "context distillation"; demo targets export "… (demo)"
 * @param rating                           the red teamer's own success rating, 0.0–4.0
 * @param taskDescriptionHarmlessnessScore {@code task_descripton_harmlessness_score} (sic)
 * @param redTeamMemberId                  the member's id within the release
 * @param tags                             review tags in order, duplicates kept; null when untagged
 */
public record ReleasedRecord(String transcript, Double minHarmlessnessScoreTranscript, String numParams,
                             String modelType, double rating, String taskDescription,
                             Double taskDescriptionHarmlessnessScore, long redTeamMemberId, boolean isUpworker,
                             List<String> tags) {

    /** The JSON keys, in the released order. Note the real key's typo in {@code task_descripton_…}. */
    public static final List<String> KEYS = List.of(
            "transcript",
            "min_harmlessness_score_transcript",
            "num_params",
            "model_type",
            "rating",
            "task_description",
            "task_descripton_harmlessness_score",
            "red_team_member_id",
            "is_upworker",
            "tags");

    public ReleasedRecord {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(numParams, "numParams");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(taskDescription, "taskDescription");
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** The key of the target an imported record is filed under: {@code model_type/num_params}. */
    public String targetId() {
        return modelType + "/" + numParams;
    }
}
