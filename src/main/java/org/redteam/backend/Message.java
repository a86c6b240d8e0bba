package org.redteam.backend;

import java.util.Objects;

/** One utterance of a conversation, as sent to a model. */
public record Message(Speaker speaker, String text) {

    /** Who said it; the released format writes them as "Human:" and "Assistant:". */
    public enum Speaker { HUMAN, ASSISTANT }

    public Message {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }

    public static Message human(String text) {
        return new Message(Speaker.HUMAN, text);
    }

    public static Message assistant(String text) {
        return new Message(Speaker.ASSISTANT, text);
    }
}
