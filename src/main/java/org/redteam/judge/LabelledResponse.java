package org.redteam.judge;

import java.util.Objects;

/**
 * One labelled judging example: the request, the assistant's answer and whether people judged the answer
 * harmful (1) or not (0). {@code where} names its file and line for messages.
 */
public record LabelledResponse(String prompt, String response, int label, String where) {
    public LabelledResponse {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, not " + label);
        }
    }
}
