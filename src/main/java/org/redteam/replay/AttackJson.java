package org.redteam.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedJson;

/** One suite line's JSON ⇄ {@link Attack}: the fields of {@link SuiteFile}, checked with errors naming line and field. */
final class AttackJson {
    private static final ObjectMapper JSON = new ObjectMapper(ReleasedJson.FACTORY);

    private AttackJson() {
    }

    static Map<String, Object> toJson(Attack a) {
        Map<String, Object> source = new LinkedHashMap<>();
        AttackSource s = a.source();
        source.put("kind", s.kind());
        if (s.file() != null) {
            source.put("file", s.file());
        }
        if (s.record() != null) {
            source.put("record", s.record());
        }
        if (s.attemptId() != null) {
            source.put("attempt_id", s.attemptId());
        }
        if (s.member() != null) {
            source.put("red_team_member_id", s.member());
        }
        if (s.minHarmlessness() != null) {
            source.put("min_harmlessness", s.minHarmlessness());
        }
        source.putAll(s.details());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("source", source);
        json.put("task_description", a.taskDescription());
        json.put("turns", a.turns());
        json.put("tags", a.tags());
        json.put("rating", a.rating());
        json.put("model_type", a.modelType());
        json.put("num_params", a.numParams());
        return json;
    }

    /** Parses one suite line; {@code where} ("suite.jsonl:12") starts every error. */
    static Attack parse(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(where + ": each line must be a JSON object (an attack)");
        }
        String id = text(node, "id", where, true);
        JsonNode src = node.get("source");
        if (src == null || !src.isObject()) {
            throw new InvalidInputException(where + ": field 'source' must be an object with at least 'kind'");
        }
        Map<String, String> details = new LinkedHashMap<>();
        src.fields().forEachRemaining(e -> {
            if (!List.of("kind", "file", "record", "attempt_id", "red_team_member_id", "min_harmlessness").contains(e.getKey())) {
                details.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        AttackSource source = new AttackSource(text(src, "kind", where + ": source", true),
                text(src, "file", where + ": source", false), integer(src, "record", where + ": source"),
                integer(src, "attempt_id", where + ": source"), member(src.get("red_team_member_id")),
                number(src, "min_harmlessness", where + ": source"), details);
        JsonNode turns = node.get("turns");
        if (turns == null || !turns.isArray() || turns.isEmpty()) {
            throw new InvalidInputException(where + ": field 'turns' must be a non-empty array of the human messages");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new InvalidInputException(where + ": field 'turns', element " + (i + 1) + " must be non-blank text");
            }
            texts.add(t.asText());
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagNode = node.get("tags");
        if (tagNode != null && !tagNode.isNull()) {
            if (!tagNode.isArray()) {
                throw new InvalidInputException(where + ": field 'tags' must be an array of text");
            }
            for (JsonNode t : tagNode) {
                if (!t.isTextual()) {
                    throw new InvalidInputException(where + ": field 'tags' must be an array of text");
                }
                tags.add(t.asText());
            }
        }
        Double rating = number(node, "rating", where);
        if (rating != null && !(rating >= 0 && rating <= 4)) {
            throw new InvalidInputException(where + ": field 'rating' must be 0–4 or null, not " + rating);
        }
        if (id.length() > Attack.MAX_ID) {
            throw new InvalidInputException(where + ": field 'id' is longer than " + Attack.MAX_ID + " characters");
        }
        return new Attack(id, source, text(node, "task_description", where, false), texts, tags, rating,
                text(node, "model_type", where, false), text(node, "num_params", where, false));
    }

    private static String member(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidInputException(where + ": field '" + field + "' is missing");
            }
            return null;
        }
        if (!n.isTextual() || (required && n.asText().isBlank())) {
            throw new InvalidInputException(where + ": field '" + field + "' must be " + (required ? "non-blank " : "") + "text");
        }
        return n.asText();
    }

    private static Long integer(JsonNode node, String field, String where) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new InvalidInputException(where + ": field '" + field + "' must be a whole number");
        }
        return n.asLong();
    }

    private static Double number(JsonNode node, String field, String where) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new InvalidInputException(where + ": field '" + field + "' must be a number or null");
        }
        return n.asDouble();
    }
}
