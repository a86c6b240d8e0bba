package org.redteam.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.redteam.conversation.Message;
import org.redteam.problem.InvalidInputException;

/**
 * The OpenAI chat-completions shapes the {@code /v1} endpoint reads and writes. A request is read leniently as
 * OpenAI's clients send it: unknown fields (temperature, top_p, max_tokens, stop, user, …) are accepted and ignored;
 * {@code content} is a string or a list of {@code {"type": "text", "text"}} parts; system (or developer) messages
 * before the first user message are put in front of it, separated by a blank line.
 */
final class OpenAiJson {
    private OpenAiJson() {
    }

    /** What a chat-completions request asks for. {@code seed}, when given, goes to the backend (the demo backend uses it). */
    record ChatRequest(String model, List<Message> conversation, int n, boolean stream, OptionalLong seed) {
    }

    static ChatRequest parse(ObjectMapper json, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("the request body must be a JSON object");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new InvalidInputException("model: required, a target id (GET /v1/models lists them)");
        }
        int n = 1;
        JsonNode nNode = root.get("n");
        if (nNode != null && !nNode.isNull()) {
            if (!nNode.isIntegralNumber() || !nNode.canConvertToInt()) {
                throw new InvalidInputException("n: must be a whole number");
            }
            n = nNode.intValue();
        }
        boolean stream = false;
        JsonNode streamNode = root.get("stream");
        if (streamNode != null && !streamNode.isNull()) {
            if (!streamNode.isBoolean()) {
                throw new InvalidInputException("stream: must be true or false");
            }
            stream = streamNode.booleanValue();
        }
        OptionalLong seed = OptionalLong.empty();
        JsonNode seedNode = root.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw new InvalidInputException("seed: must be a whole number");
            }
            seed = OptionalLong.of(seedNode.longValue());
        }
        return new ChatRequest(model.asText(), conversation(root.get("messages")), n, stream, seed);
    }

    private static List<Message> conversation(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidInputException("messages: required, a non-empty list of {role, content}");
        }
        StringBuilder system = new StringBuilder();
        List<Message> conversation = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String field = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw new InvalidInputException(field + ": must be an object {role, content}");
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw new InvalidInputException(field + ".role: required: system, user or assistant");
            }
            String text = content(m.get("content"), field + ".content");
            switch (role.asText()) {
                case "system", "developer" -> {
                    if (!conversation.isEmpty()) {
                        throw new InvalidInputException(field + ".role: a system message may only come before the first user message");
                    }
                    system.append(system.isEmpty() ? "" : "\n\n").append(text);
                }
                case "user" -> {
                    if (!conversation.isEmpty() && conversation.get(conversation.size() - 1).speaker() == Message.Speaker.HUMAN) {
                        throw new InvalidInputException(field + ".role: user and assistant messages must alternate");
                    }
                    conversation.add(Message.human(conversation.isEmpty() && !system.isEmpty() ? system + "\n\n" + text : text));
                }
                case "assistant" -> {
                    if (conversation.isEmpty() || conversation.get(conversation.size() - 1).speaker() != Message.Speaker.HUMAN) {
                        throw new InvalidInputException(field + ".role: an assistant message must follow a user message");
                    }
                    conversation.add(Message.assistant(text));
                }
                default -> throw new InvalidInputException(field + ".role: must be system, user or assistant, got '" + role.asText() + "'");
            }
        }
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).speaker() != Message.Speaker.HUMAN) {
            throw new InvalidInputException("messages: the conversation must end with a user message");
        }
        return conversation;
    }

    private static String content(JsonNode content, String field) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                JsonNode type = part.get("type");
                if (type == null || !"text".equals(type.asText()) || part.get("text") == null || !part.get("text").isTextual()) {
                    throw new InvalidInputException(field + "[" + j + "]: only {\"type\": \"text\", \"text\": …} parts are taken");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw new InvalidInputException(field + ": required, a string or a list of text parts");
    }

    record ModelList(String object, List<Model> data) {
    }

    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    record Completion(String id, String object, long created, String model, List<Choice> choices) {
    }

    record Choice(int index, AssistantMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    record AssistantMessage(String role, String content) {
    }

    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices) {
    }

    record ChunkChoice(int index, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> delta,
                       @JsonProperty("finish_reason") String finishReason) {
    }

    /** OpenAI's error body: {@code {"error": {"message", "type", "code"}}}. */
    record Error(Detail error) {
        static Error of(int status, String message, String code) {
            String type = switch (status) {
                case 400, 404, 409 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 429 -> "rate_limit_error";
                default -> status >= 500 ? "api_error" : "invalid_request_error";
            };
            return new Error(new Detail(message, type, code));
        }
    }

    record Detail(String message, String type, String code) {
    }
}
