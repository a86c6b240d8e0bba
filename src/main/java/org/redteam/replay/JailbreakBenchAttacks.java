package org.redteam.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedJson;

/**
 * A JailbreakBench attack artifact ({@code {"parameters": {…}, "jailbreaks": [{"index", "goal", "behavior",
 * "category", "prompt", "response", "jailbroken", …}]}}) as attacks: each non-null {@code prompt} is one single-turn
 * attack with id {@code <file stem>-<index>} (the entry's {@code index}, else its position), tags its category and
 * behavior, and goal, behavior, category, jailbroken and the artifact's method as source details; the model the
 * artifact attacked ({@code parameters.model}) is its model type. Null prompts (attacks the method did not find)
 * are counted and left out.
 */
public final class JailbreakBenchAttacks {
    private static final ObjectMapper JSON = new ObjectMapper(ReleasedJson.FACTORY);
    static final String NULL_PROMPT = "no prompt (null in the artifact)";

    private JailbreakBenchAttacks() {
    }

    public static SuiteSelection.Selected read(Path file) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(name + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject() || !root.path("jailbreaks").isArray()) {
            throw new InvalidInputException(name + ": field 'jailbreaks' must be an array (a JailbreakBench attack artifact)");
        }
        JsonNode parameters = root.path("parameters");
        String model = parameters.path("model").isTextual() ? parameters.path("model").asText() : null;
        String method = parameters.path("method").isTextual() ? parameters.path("method").asText() : null;
        ImportedAttacks.Ids ids = new ImportedAttacks.Ids(ReleasedAttacks.stem(name));
        SuiteSelection selection = new SuiteSelection(AttackFilter.ALL);
        JsonNode jailbreaks = root.get("jailbreaks");
        for (int i = 0; i < jailbreaks.size(); i++) {
            String where = name + ": jailbreaks[" + i + "]";
            JsonNode j = jailbreaks.get(i);
            if (!j.isObject()) {
                throw new InvalidInputException(where + ": each jailbreak must be an object");
            }
            JsonNode prompt = j.get("prompt");
            if (prompt == null || prompt.isNull()) {
                selection.skip(NULL_PROMPT);
                continue;
            }
            if (!prompt.isTextual() || prompt.asText().isBlank()) {
                throw new InvalidInputException(where + ": field 'prompt' must be non-blank text or null");
            }
            JsonNode index = j.get("index");
            if (index != null && !index.isNull() && !index.isIntegralNumber()) {
                throw new InvalidInputException(where + ": field 'index' must be a whole number");
            }
            long at = index == null || index.isNull() ? i : index.asLong();
            Map<String, String> details = new LinkedHashMap<>();
            for (String field : List.of("goal", "behavior", "category")) {
                details.put(field, ImportedAttacks.optionalText(j, field, where));
            }
            if (j.path("jailbroken").isBoolean()) {
                details.put("jailbroken", j.get("jailbroken").asText());
            }
            details.put("method", method);
            details.values().removeIf(v -> v == null);
            LinkedHashSet<String> tags = new LinkedHashSet<>();
            for (String field : List.of("category", "behavior")) {
                if (details.get(field) != null && !details.get(field).isBlank()) {
                    tags.add(details.get(field));
                }
            }
            String id = ids.of(null, at, where);
            selection.offer(new Attack(id, AttackSource.file("jbb", name, i, null, null, details),
                    details.getOrDefault("goal", ""), List.of(prompt.asText()), List.copyOf(tags), null, model, null));
        }
        return selection.finish();
    }
}
