package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import java.util.List;
import java.util.Objects;

/** What is scored of one submitted attempt: its assistant utterances in context, and its task description. */
public record ScoringInput(long attemptId, List<Exchange> exchanges, String taskDescription) {

    public ScoringInput {
        exchanges = List.copyOf(exchanges);
        Objects.requireNonNull(taskDescription, "taskDescription");
    }
}
