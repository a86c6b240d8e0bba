package org.redteam.conversation;

import java.util.Objects;

/** One utterance of a conversation, as sent to a model. */
public record Message(Speaker speaker, String text) {

    /** Who said it; the released format writes them as "Human:" and "Assistant:". */
    public enum Speaker {
        HUMAN("Human"), ASSISTANT("Assistant");

        private final String label;

        Speaker(String label) {
            this.label = label;
        }

        /** As the released layout and the pages write it: "Human", "Assistant". */
        public String label() {
            return label;
        }
    }

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
