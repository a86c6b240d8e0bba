package org.redteam.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.redteam.conversation.Transcript;
import org.redteam.conversation.Message;

/** What differs between the two OpenAI endpoints: the path, how a conversation is sent, where a choice's text is. */
enum OpenAiApi {

    /** {@code POST /chat/completions}: one message per utterance, roles user / assistant. */
    CHAT("openai-chat", "/chat/completions") {
        @Override
        void putConversation(ObjectNode body, List<Message> conversation) {
            ArrayNode messages = body.putArray("messages");
            for (Message m : conversation) {
                messages.addObject().put("role", m.speaker() == Message.Speaker.HUMAN ? "user" : "assistant")
                        .put("content", m.text());
            }
        }

        @Override
        String text(JsonNode choice) {
            JsonNode content = choice.path("message").path("content");
            return content.isTextual() ? content.asText() : null;
        }

        @Override
        String deltaText(JsonNode chunkChoice) {
            JsonNode content = chunkChoice.path("delta").path("content");
            return content.isTextual() ? content.asText() : null;
        }
    },

    /**
     * {@code POST /completions} for base models: the released layout "\n\nHuman: …\n\nAssistant: …", ending in
     * "\n\nAssistant:" for the model to continue, and stopped before it writes the next human turn.
     */
    COMPLETIONS("openai-completions", "/completions") {
        @Override
        void putConversation(ObjectNode body, List<Message> conversation) {
            body.put("prompt", prompt(conversation));
            body.putArray("stop").add(STOP);
        }

        @Override
        String text(JsonNode choice) {
            JsonNode text = choice.path("text");
            return text.isTextual() ? text.asText().strip() : null;
        }

        @Override
        String deltaText(JsonNode chunkChoice) {
            JsonNode text = chunkChoice.path("text");
            return text.isTextual() ? text.asText() : null;
        }
    };

    /** Where a base model's answer ends: the start of the next human turn. */
    static final String STOP = Transcript.STOP;

    final String kind;
    final String path;

    OpenAiApi(String kind, String path) {
        this.kind = kind;
        this.path = path;
    }

    /** Puts the conversation (and anything that goes with it, e.g. stop sequences) into the request body. */
    abstract void putConversation(ObjectNode body, List<Message> conversation);

    /** The text of one choice, or null when the choice has none. */
    abstract String text(JsonNode choice);

    /** The new text in one choice of a streamed chunk, or null when it carries none (e.g. only a role). */
    abstract String deltaText(JsonNode chunkChoice);

    static String prompt(List<Message> conversation) {
        return Transcript.of(conversation).prompt();
    }
}
