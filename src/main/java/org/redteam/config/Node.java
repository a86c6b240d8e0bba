package org.redteam.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A YAML node that knows its key path, so every error names the key it is about. */
final class Node {
    private final JsonNode json;
    private final String path;
    private final CampaignConfigLoader.Errors errors;

    Node(JsonNode json, String path, CampaignConfigLoader.Errors errors) {
        this.json = json;
        this.path = path;
        this.errors = errors;
    }

    boolean isObject() {
        return json.isObject();
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    String pathOf(String key) {
        if (key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    void error(String key, String message) {
        errors.add(pathOf(key), message);
    }

    void onlyKeys(Set<String> allowed) {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(name, "unknown key (known here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    Optional<Node> child(String key) {
        return has(key) ? Optional.of(new Node(json.get(key), pathOf(key), errors)) : Optional.empty();
    }

    String requiredText(String key) {
        Optional<String> text = optionalText(key);
        if (text.isEmpty() && !has(key)) {
            error(key, "required");
        }
        return text.orElse(null);
    }

    Optional<String> optionalText(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isValueNode() || v.isBoolean()) {
            error(key, "must be text");
            return Optional.empty();
        }
        String text = v.asText().strip();
        if (text.isEmpty()) {
            error(key, "must not be empty");
            return Optional.empty();
        }
        if (org.redteam.problem.StoredText.hasNul(text)) {
            error(key, org.redteam.problem.StoredText.CONTAINS_NUL);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<Long> optionalLong(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            error(key, "must be a whole number, got '" + v.asText() + "'");
            return Optional.empty();
        }
        return Optional.of(v.longValue());
    }

    Optional<Integer> intInRange(String key, int min, int max) {
        Optional<Long> value = optionalLong(key);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            error(key, "must be between " + min + " and " + max + ", got " + value.get());
            return Optional.empty();
        }
        return value.map(Long::intValue);
    }

    Optional<List<Node>> list(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isArray()) {
            error(key, "must be a list");
            return Optional.empty();
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            nodes.add(new Node(v.get(i), pathOf(key) + "[" + i + "]", errors));
        }
        return Optional.of(nodes);
    }

    Optional<List<String>> textList(String key) {
        return list(key).map(nodes -> {
            List<String> texts = new ArrayList<>();
            for (Node n : nodes) {
                if (!n.json.isValueNode() || n.json.asText().isBlank()) {
                    errors.add(n.path, "must be non-empty text");
                } else if (org.redteam.problem.StoredText.hasNul(n.json.asText())) {
                    errors.add(n.path, org.redteam.problem.StoredText.CONTAINS_NUL);
                } else {
                    texts.add(n.json.asText().strip());
                }
            }
            return texts;
        });
    }

    /** A finite number in [min, max]; whole numbers are accepted too ({@code temperature: 1}). */
    Optional<Double> doubleInRange(String key, double min, double max) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            error(key, "must be a number, got '" + v.asText() + "'");
            return Optional.empty();
        }
        if (v.doubleValue() < min || v.doubleValue() > max) {
            error(key, "must be between " + min + " and " + max + ", got " + v.asText());
            return Optional.empty();
        }
        return Optional.of(v.doubleValue());
    }

    /** true or false; the text "true" or "yes" is refused, so a quoted value is not silently read. */
    Optional<Boolean> optionalBoolean(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = json.get(key);
        if (!v.isBoolean()) {
            error(key, "must be true or false, got '" + v.asText() + "'");
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }
}
