package org.redteam.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** An {@link AttackFilter} and a list of ids as the JSON text {@code replay_run} keeps them in. */
final class FilterJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterJson() {
    }

    static String write(AttackFilter f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_rating", f.minRating().isPresent() ? f.minRating().getAsDouble() : null);
        m.put("tags", f.tags());
        m.put("model_type", f.modelType().orElse(null));
        m.put("judged_harmful_by", f.judgedHarmfulBy().orElse(null));
        m.put("limit", f.limit().isPresent() ? f.limit().getAsInt() : null);
        m.put("seed", f.seed());
        m.put("dedupe_templates", f.dedupeTemplates());
        return text(m);
    }

    static AttackFilter read(String json) {
        JsonNode n = tree(json);
        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        return new AttackFilter(
                n.path("min_rating").isNumber() ? OptionalDouble.of(n.get("min_rating").asDouble()) : OptionalDouble.empty(),
                tags, optional(n, "model_type"), optional(n, "judged_harmful_by"),
                n.path("limit").isNumber() ? OptionalInt.of(n.get("limit").asInt()) : OptionalInt.empty(),
                n.path("seed").asLong(), n.path("dedupe_templates").asBoolean());
    }

    static String writeIds(List<String> ids) {
        return text(ids);
    }

    static List<String> readIds(String json) {
        List<String> ids = new ArrayList<>();
        tree(json).forEach(t -> ids.add(t.asText()));
        return ids;
    }

    private static Optional<String> optional(JsonNode n, String field) {
        return n.path(field).isTextual() ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored replay run's JSON is not valid: " + json, e);
        }
    }
}
