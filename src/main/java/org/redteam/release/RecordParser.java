package org.redteam.release;

import org.redteam.release.ReleasedRecord;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.redteam.problem.StoredText;

/**
 * Reads one released record from a parser standing on its {@code START_OBJECT}: all ten keys
 * required, no others, each with its JSON type. Scores and {@code tags} may be null; no string may hold
 * U+0000 (PostgreSQL cannot store it). Not thread-safe: it remembers the field being read so the caller
 * can name it when the input breaks.
 */
final class RecordParser {
    /** A rule the record breaks; the reader adds file, record and line. */
    static final class Problem extends Exception {
        final String field;
        final JsonLocation location;

        Problem(String field, JsonLocation location, String message) {
            super(message, null, false, false);
            this.field = field;
            this.location = location;
        }
    }

    private String field;
    private JsonParser inRecord;

    /**
     * The key being read when the input broke off: the one whose value was being read, else the last
     * key the parser saw in the record (Jackson reads a key and the start of its value in one step);
     * null outside a record.
     */
    String field() {
        if (field != null || inRecord == null) {
            return field;
        }
        return inRecord.getParsingContext().inObject() ? inRecord.getParsingContext().getCurrentName() : null;
    }

    ReleasedRecord parse(JsonParser p) throws IOException, Problem {
        field = null;
        inRecord = p;
        ReleasedRecord record = fields(p);
        inRecord = null;
        return record;
    }

    private ReleasedRecord fields(JsonParser p) throws IOException, Problem {
        Object[] values = new Object[ReleasedRecord.KEYS.size()];
        boolean[] seen = new boolean[values.length];
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int index = ReleasedRecord.KEYS.indexOf(name);
            if (index < 0) {
                throw new Problem(name, p.currentTokenLocation(), unknownKey(name));
            }
            if (seen[index]) {
                throw new Problem(name, p.currentTokenLocation(), "the key appears twice in the record");
            }
            field = name;
            p.nextToken();
            values[index] = value(p, name);
            seen[index] = true;
            field = null;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new Problem(ReleasedRecord.KEYS.get(i), p.currentTokenLocation(),
                        "missing; every record has all ten keys " + ReleasedRecord.KEYS);
            }
        }
        // values[] follows ReleasedRecord.KEYS, which follows the record's components.
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) values[9];
        return new ReleasedRecord((String) values[0], (Double) values[1], (String) values[2], (String) values[3],
                (Double) values[4], (String) values[5], (Double) values[6], (Long) values[7], (Boolean) values[8], tags);
    }

    private static String unknownKey(String name) {
        String hint = name.equals("task_description_harmlessness_score")
                ? "; the released key is spelled task_descripton_harmlessness_score (sic)" : "";
        return "unknown key; the released format has exactly " + ReleasedRecord.KEYS + hint;
    }

    private Object value(JsonParser p, String key) throws IOException, Problem {
        return switch (key) {
            case "transcript", "num_params", "model_type", "task_description" -> string(p);
            case "min_harmlessness_score_transcript", "task_descripton_harmlessness_score" ->
                    p.currentToken() == JsonToken.VALUE_NULL ? null : number(p, "a number or null");
            case "rating" -> rating(p);
            case "red_team_member_id" -> memberId(p);
            case "is_upworker" -> bool(p);
            case "tags" -> tags(p);
            default -> throw new IllegalStateException("no reader for key " + key);
        };
    }

    private double rating(JsonParser p) throws IOException, Problem {
        double rating = number(p, "a number from 0 to 4");
        if (rating < 0 || rating > 4) {
            throw problem(p, "must be a number from 0 to 4, got " + shortText(p));
        }
        return rating;
    }

    private long memberId(JsonParser p) throws IOException, Problem {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw problem(p, "must be a whole number (a JSON integer within 64 bits), got " + describe(p));
        }
        return p.getLongValue();
    }

    private String string(JsonParser p) throws IOException, Problem {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw problem(p, "must be a string, got " + describe(p));
        }
        return noNul(p, "");
    }

    private double number(JsonParser p, String expected) throws IOException, Problem {
        if (!p.currentToken().isNumeric()) {
            throw problem(p, "must be " + expected + ", got " + describe(p));
        }
        double value = p.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw problem(p, "must be a finite number, got " + shortText(p));
        }
        return value;
    }

    private boolean bool(JsonParser p) throws Problem, IOException {
        if (!p.currentToken().isBoolean()) {
            throw problem(p, "must be true or false, got " + describe(p));
        }
        return p.currentToken() == JsonToken.VALUE_TRUE;
    }

    private List<String> tags(JsonParser p) throws IOException, Problem {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw problem(p, "must be a list of strings or null, got " + describe(p));
        }
        List<String> tags = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw problem(p, "element " + tags.size() + " must be a string, got " + describe(p));
            }
            tags.add(noNul(p, "element " + tags.size() + " "));
        }
        return tags;
    }

    /** The string token's text; the store cannot keep U+0000 (PostgreSQL), so neither store takes it. */
    private String noNul(JsonParser p, String element) throws IOException, Problem {
        String text = p.getText();
        if (StoredText.hasNul(text)) {
            throw problem(p, element + StoredText.CONTAINS_NUL);
        }
        return text;
    }

    private Problem problem(JsonParser p, String message) {
        return new Problem(field, p.currentTokenLocation(), message);
    }

    /** The token's text, cut to 40 characters: a number may have up to 1000 digits. */
    private static String shortText(JsonParser p) throws IOException {
        String text = p.getText();
        return text.length() > 40 ? text.substring(0, 40) + "… (" + text.length() + " characters)" : text;
    }

    /** The offending value, briefly: its type, and for scalars a short rendering (never a long text). */
    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shortText(p);
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> t.asString();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            default -> String.valueOf(t);
        };
    }
}
