package org.redteam.backend;

import java.util.List;

/**
 * Ask a model for {@code n} independent responses to a conversation that ends with a human message.
 *
 * @param seed a per-request seed for backends that can sample reproducibly (the demo backend does)
 */
public record CompletionRequest(List<Message> conversation, int n, long seed) {

    public CompletionRequest {
        conversation = List.copyOf(conversation);
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).speaker() != Message.Speaker.HUMAN) {
            throw new IllegalArgumentException("a completion request must end with a human message");
        }
    }

    public Message lastHuman() {
        return conversation.get(conversation.size() - 1);
    }
}
