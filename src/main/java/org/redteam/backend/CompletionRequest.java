package org.redteam.backend;

import org.redteam.conversation.Message;

import java.util.List;
import java.util.Objects;

/**
 * Ask a model for {@code n} independent responses to a conversation that ends with a human message.
 *
 * @param seed   a per-request seed for backends that can sample reproducibly (the demo backend does)
 * @param stream where a streaming backend sends text as it comes; {@link TextStream#NONE} when nobody reads it
 */
public record CompletionRequest(List<Message> conversation, int n, long seed, TextStream stream) {

    public CompletionRequest {
        conversation = List.copyOf(conversation);
        Objects.requireNonNull(stream, "stream");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).speaker() != Message.Speaker.HUMAN) {
            throw new IllegalArgumentException("a completion request must end with a human message");
        }
    }

    public CompletionRequest(List<Message> conversation, int n, long seed) {
        this(conversation, n, seed, TextStream.NONE);
    }

    public Message lastHuman() {
        return conversation.get(conversation.size() - 1);
    }

    /** The same request with another conversation (e.g. behind a prompt), still streaming to the same place. */
    public CompletionRequest withConversation(List<Message> other) {
        return new CompletionRequest(other, n, seed, stream);
    }

    /** {@code count} completions that nobody sees as they come (e.g. samples to be ranked first). */
    public CompletionRequest unstreamed(int count) {
        return new CompletionRequest(conversation, count, seed, TextStream.NONE);
    }

    public boolean streaming() {
        return stream != TextStream.NONE;
    }
}
