package org.redteam.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedJson;

/**
 * Attacks from other tools' files ({@code suite import}): JSON Lines with {@code turns} (array of text) or
 * {@code prompt} (text), and CSV with a {@code prompt} column (single-turn). JailbreakBench artifacts are
 * {@link JailbreakBenchAttacks}. An attack without an {@code id} gets {@code <file stem>-<index>} (the 0-based line
 * of a JSONL file, the 0-based data row of a CSV file). Any bad record is an {@link InvalidInputException} naming
 * the file, its line and the field; nothing is kept of a file with one.
 */
public final class ImportedAttacks {
    private static final ObjectMapper JSON = new ObjectMapper(ReleasedJson.FACTORY);
    /** CSV columns with a meaning of their own; every other column is kept as a source detail. */
    private static final List<String> CSV_FIELDS = List.of("prompt", "id", "tags", "category", "task_description");
    /** The suite's own keys of {@code source}: a CSV column of the same name is kept as {@code csv_<name>}. */
    private static final List<String> SOURCE_KEYS = List.of("kind", "file", "record", "attempt_id", "red_team_member_id",
            "min_harmlessness");

    private ImportedAttacks() {
    }

    /** A JSONL file: one object per non-blank line with {@code turns} or {@code prompt}, optional {@code id}, {@code tags}, {@code task_description}. */
    public static SuiteSelection.Selected jsonl(Path file) {
        String name = file.getFileName().toString();
        Ids ids = new Ids(ReleasedAttacks.stem(name));
        SuiteSelection selection = new SuiteSelection(AttackFilter.ALL);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + ":" + lineNumber;
                JsonNode node = object(line, where);
                List<String> turns = jsonTurns(node, where);
                String id = ids.of(idOf(node.get("id"), where), lineNumber - 1, where);
                AttackSource source = AttackSource.file("jsonl", name, lineNumber - 1, null, null, Map.of());
                selection.offer(new Attack(id, source, optionalText(node, "task_description", where), turns,
                        jsonTags(node.get("tags"), where), null, null, null));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return selection.finish();
    }

    /**
     * A CSV file with a header row and a {@code prompt} column: one single-turn attack per row; {@code id} names it,
     * {@code tags} (separated by {@code ,} or {@code ;}) and {@code category} become tags, {@code task_description}
     * is kept as such, and every other non-blank cell is kept as a source detail
     * ({@code csv_<column>} for a column named like one of the suite's own source keys).
     */
    public static SuiteSelection.Selected csv(Path file) {
        String name = file.getFileName().toString();
        Ids ids = new Ids(ReleasedAttacks.stem(name));
        SuiteSelection selection = new SuiteSelection(AttackFilter.ALL);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords rows = new CsvRecords(in, name);
            CsvRecords.Row header = rows.next();
            List<String> columns = header == null ? List.of() : header.cells().stream()
                    .map(c -> c.strip().toLowerCase(Locale.ROOT)).map(c -> c.startsWith("\uFEFF") ? c.substring(1) : c).toList();
            if (!columns.contains("prompt")) {
                throw new InvalidInputException(name + ":1: field 'prompt': the header has no 'prompt' column");
            }
            long index = 0;
            for (CsvRecords.Row row; (row = rows.next()) != null; ) {
                if (row.blank()) {
                    continue;
                }
                String where = name + ":" + row.line();
                if (row.cells().size() != columns.size()) {
                    throw new InvalidInputException(where + ": the row has " + row.cells().size() + " cells, the header "
                            + columns.size());
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    cells.put(columns.get(i), row.cells().get(i));
                }
                if (cells.get("prompt").isBlank()) {
                    throw new InvalidInputException(where + ": field 'prompt' is blank");
                }
                Map<String, String> details = new LinkedHashMap<>();
                cells.forEach((column, value) -> {
                    if (!CSV_FIELDS.contains(column) && !value.isBlank()) {
                        details.put(SOURCE_KEYS.contains(column) ? "csv_" + column : column, value);
                    }
                });
                LinkedHashSet<String> tags = new LinkedHashSet<>();
                for (String t : cells.getOrDefault("tags", "").split("[,;]")) {
                    if (!t.isBlank()) {
                        tags.add(t.strip());
                    }
                }
                if (!cells.getOrDefault("category", "").isBlank()) {
                    tags.add(cells.get("category").strip());
                    details.put("category", cells.get("category"));
                }
                String given = cells.getOrDefault("id", "").strip();
                String id = ids.of(given.isEmpty() ? null : given, index, where);
                selection.offer(new Attack(id, AttackSource.file("csv", name, index, null, null, details),
                        cells.get("task_description"), List.of(cells.get("prompt")), List.copyOf(tags), null, null, null));
                index++;
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return selection.finish();
    }

    /** Ids given or made, each unique in the file: a second use names the line of the first. */
    static final class Ids {
        private final String stem;
        private final Map<String, String> first = new HashMap<>();

        Ids(String stem) {
            this.stem = stem;
        }

        String of(String given, long index, String where) {
            String id = given != null ? given : stem + "-" + index;
            if (id.length() > Attack.MAX_ID) {
                throw new InvalidInputException(where + ": field 'id' is longer than " + Attack.MAX_ID + " characters");
            }
            String earlier = first.putIfAbsent(id, where);
            if (earlier != null) {
                throw new InvalidInputException(where + ": field 'id' " + id + " is already the id of " + earlier);
            }
            return id;
        }
    }

    private static JsonNode object(String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(where + ": each line must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidInputException(where + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<String> jsonTurns(JsonNode node, String where) {
        JsonNode turns = node.get("turns");
        JsonNode prompt = node.get("prompt");
        boolean hasTurns = turns != null && !turns.isNull();
        boolean hasPrompt = prompt != null && !prompt.isNull();
        if (hasTurns == hasPrompt) {
            throw new InvalidInputException(where + ": field 'turns' or 'prompt': give exactly one of them");
        }
        if (hasPrompt) {
            if (!prompt.isTextual() || prompt.asText().isBlank()) {
                throw new InvalidInputException(where + ": field 'prompt' must be non-blank text");
            }
            return List.of(prompt.asText());
        }
        if (!turns.isArray() || turns.isEmpty()) {
            throw new InvalidInputException(where + ": field 'turns' must be a non-empty array of the human messages");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (!turns.get(i).isTextual() || turns.get(i).asText().isBlank()) {
                throw new InvalidInputException(where + ": field 'turns', element " + (i + 1) + " must be non-blank text");
            }
            texts.add(turns.get(i).asText());
        }
        return texts;
    }

    private static String idOf(JsonNode id, String where) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new InvalidInputException(where + ": field 'id' must be non-blank text or a whole number");
        }
        return id.asText();
    }

    private static List<String> jsonTags(JsonNode tags, String where) {
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (tags.isTextual()) {
            return List.of(tags.asText());
        }
        List<String> list = new ArrayList<>();
        if (tags.isArray()) {
            for (JsonNode t : tags) {
                if (!t.isTextual()) {
                    break;
                }
                list.add(t.asText());
            }
            if (list.size() == tags.size()) {
                return list;
            }
        }
        throw new InvalidInputException(where + ": field 'tags' must be text or an array of text");
    }

    /** The field as text, null when absent or null; anything else is an error naming {@code where} and the field. */
    static String optionalText(JsonNode node, String field, String where) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidInputException(where + ": field '" + field + "' must be text");
        }
        return n.asText();
    }
}
