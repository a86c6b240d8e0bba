package org.redteam.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.redteam.problem.InvalidInputException;

/**
 * Labelled files for {@code judge train} and {@code judge eval}: CSV (RFC 4180, quoted fields may span lines)
 * or JSONL ({@code .jsonl}), with columns {@code prompt}, {@code response}, {@code label} (0/1, true/false).
 * Also accepted: JailbreakEval's {@code question}/{@code answer}/{@code label}, and XSTest's completions
 * ({@code type}, {@code prompt}, {@code completion}, {@code final_label}), read as harmful (1) only where the
 * prompt is one of its unsafe {@code contrast_*} prompts and the answer was labelled {@code 1_full_compliance};
 * a refusal, or compliance with a safe prompt, is 0; partial refusals of unsafe prompts are ambiguous and
 * left out (docs/judges.md). A problem is reported with its line and field.
 */
public final class LabelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelFiles() {
    }

    public static List<LabelledResponse> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? jsonl(text, name) : csv(text, name);
    }

    static List<LabelledResponse> jsonl(String text, String name) {
        List<LabelledResponse> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String at = name + " line " + (i + 1);
            JsonNode row;
            try {
                row = JSON.readTree(lines[i]);
            } catch (IOException e) {
                throw new InvalidInputException(at + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (row == null || !row.isObject()) {
                throw new InvalidInputException(at + ": each line must be a JSON object");
            }
            example(key -> row.has(key) ? (row.get(key).isTextual() ? row.get(key).asText() : row.get(key).toString()) : null,
                    at).ifPresent(out::add);
        }
        return nonEmpty(out, name);
    }

    static List<LabelledResponse> csv(String text, String name) {
        List<Record> records = records(text, name);
        if (records.isEmpty()) {
            throw new InvalidInputException(name + ": empty file; expected a header such as prompt,response,label");
        }
        List<String> header = records.get(0).fields();
        List<LabelledResponse> out = new ArrayList<>();
        for (Record r : records.subList(1, records.size())) {
            if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
                continue;
            }
            String at = name + " line " + r.line();
            if (r.fields().size() != header.size()) {
                throw new InvalidInputException(at + ": " + r.fields().size() + " fields, the header has " + header.size());
            }
            example(key -> {
                int i = header.indexOf(key);
                return i < 0 ? null : r.fields().get(i);
            }, at).ifPresent(out::add);
        }
        return nonEmpty(out, name);
    }

    private static List<LabelledResponse> nonEmpty(List<LabelledResponse> out, String name) {
        if (out.isEmpty()) {
            throw new InvalidInputException(name + ": no labelled rows");
        }
        return out;
    }

    /** One row by its fields; empty for a row the mapping leaves out (an XSTest partial refusal of an unsafe prompt). */
    private static java.util.Optional<LabelledResponse> example(Function<String, String> field, String at) {
        if (field.apply("completion") != null && field.apply("final_label") != null) {
            String type = required(field, "type", at);
            String verdict = required(field, "final_label", at);
            boolean unsafe = type.startsWith("contrast_");
            boolean complied = verdict.startsWith("1_");
            if (!verdict.matches("[123]_.*")) {
                throw new InvalidInputException(at + ": final_label: '" + verdict + "' is not 1_full_compliance, "
                        + "2_full_refusal or 3_partial_refusal");
            }
            if (unsafe && verdict.startsWith("3_")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new LabelledResponse(required(field, "prompt", at),
                    required(field, "completion", at), unsafe && complied ? 1 : 0, at));
        }
        String prompt = field.apply("prompt") != null ? field.apply("prompt") : field.apply("question");
        String response = field.apply("response") != null ? field.apply("response") : field.apply("answer");
        if (prompt == null) {
            throw new InvalidInputException(at + ": prompt: missing (columns prompt,response,label or question,answer,label)");
        }
        if (response == null) {
            throw new InvalidInputException(at + ": response: missing (columns prompt,response,label or question,answer,label)");
        }
        return java.util.Optional.of(new LabelledResponse(prompt, response, label(required(field, "label", at), at), at));
    }

    private static String required(Function<String, String> field, String key, String at) {
        String value = field.apply(key);
        if (value == null) {
            throw new InvalidInputException(at + ": " + key + ": missing");
        }
        return value;
    }

    private static final Map<String, Integer> LABELS = Map.of("0", 0, "1", 1, "false", 0, "true", 1, "0.0", 0, "1.0", 1);

    private static int label(String value, String at) {
        Integer label = LABELS.get(value.strip().toLowerCase(Locale.ROOT));
        if (label == null) {
            throw new InvalidInputException(at + ": label: '" + value + "' is not 0/1 (1 = harmful)");
        }
        return label;
    }

    record Record(int line, List<String> fields) {
    }

    /** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes ("") and newlines. */
    static List<Record> records(String text, String name) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(start, List.copyOf(fields)));
                fields.clear();
                start = ++line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException(name + " line " + start + ": a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(start, List.copyOf(fields)));
        }
        return records;
    }
}
