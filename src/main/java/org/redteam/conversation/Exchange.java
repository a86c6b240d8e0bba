package org.redteam.conversation;

import java.util.Objects;

/**
 * One assistant utterance in its context. {@code context} is the conversation before it in the
 * released transcript layout ({@code "\n\nHuman: …\n\nAssistant: …\n\nHuman: …"}, ending with the
 * human turn it answers; empty for a text scored on its own); {@code response} is the utterance
 * without the "Assistant:" marker.
 */
public record Exchange(String context, String response) {

    public Exchange {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(response, "response");
    }
}
