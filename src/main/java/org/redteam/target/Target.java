package org.redteam.target;

import java.util.List;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.conversation.Message;
import org.redteam.backend.TextStream;

/**
 * What red teamers attack: a backend (wrapped by its safety interventions) with the labels analysis
 * groups by. {@code id} is the permanent id of the campaign file (YAML {@code id}, the API's {@code id}), {@code rowId} the database row id (SQL {@code target.id}; the id column is {@code target_key}). Red teamers
 * never see which target they face.
 */
public record Target(long rowId, String id, String modelType, String size, String backendKind, boolean demo,
                     ModelBackend backend) {

    /** {@code n} responses to a conversation that ends with a human message. */
    public List<Completion> respond(List<Message> conversation, int n, long seed) {
        return respond(conversation, n, seed, TextStream.NONE);
    }

    /** As {@link #respond(List, int, long)}, passing text to {@code stream} as a streaming backend writes it. */
    public List<Completion> respond(List<Message> conversation, int n, long seed, TextStream stream) {
        return backend.complete(new CompletionRequest(conversation, n, seed, stream));
    }

    /** The model type as exported and shown to admins: demo targets say so. */
    public String labelledModelType() {
        return labelledModelType(modelType, demo);
    }

    /** "rlhf" or, for a demo target, "rlhf (demo)". */
    public static String labelledModelType(String modelType, boolean demo) {
        return demo ? modelType + " (demo)" : modelType;
    }
}
