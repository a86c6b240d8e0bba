package org.redteam.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.RedteamException;

/**
 * Binds a JSON request body to a request record with Jackson, strictly: a string field takes only a string,
 * a whole-number field only a whole number in range (not {@code 3.0}, not {@code "3"}), a list or map no
 * null elements. Unknown fields are ignored. A body that is not a JSON object, and a field of the wrong type,
 * are bad input (400); the record says what the message is for each field ({@link FieldProblem}), and its
 * compact constructor refuses missing required fields with the same messages.
 */
final class JsonBodies {
    private final ObjectMapper json;
    private final ObjectMapper strict;

    /** @param json the server's mapper, which parses the body as before binding */
    JsonBodies(ObjectMapper json) {
        this.json = json;
        this.strict = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** The message for a field of the wrong type. */
    @FunctionalInterface
    interface FieldProblem {
        /**
         * @param field the field's path, dotted: {@code "rating"}, {@code "answers.upset"}, {@code "tags.1"};
         *              empty when the problem is the record's type field ({@code mode}) missing
         * @param given the value sent as text ({@code 5} → "5"), empty for null, a list or an object
         */
        String message(String field, String given);
    }

    /** The request body as {@code type}, or 400 saying which field is wrong and why. */
    <T> T read(Context ctx, Class<T> type, FieldProblem problem) {
        JsonNode body = tree(ctx.body());
        try {
            return strict.treeToValue(body, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof RedteamException refused) {
                throw refused;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from a request body", e);
        } catch (JacksonException e) {
            JsonPointer at = where(e);
            JsonNode given = body.at(at);
            throw new InvalidInputException(problem.message(dotted(at), given.isMissingNode() || given.isNull() ? "" : given.asText()), e);
        }
    }

    private JsonNode tree(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Where the failing value was read: the parser's position is exact for every failure, including a number
     * out of range inside a map, where Jackson's own reference path stops at the map.
     */
    private static JsonPointer where(JacksonException e) {
        JacksonException at = e.getCause() instanceof JacksonException cause ? cause : e;
        return at.getProcessor() instanceof JsonParser parser ? parser.getParsingContext().pathAsPointer() : JsonPointer.empty();
    }

    private static String dotted(JsonPointer at) {
        StringBuilder dotted = new StringBuilder();
        for (JsonPointer p = at; !p.matches(); p = p.tail()) {
            dotted.append(dotted.isEmpty() ? "" : ".").append(p.getMatchingProperty());
        }
        return dotted.toString();
    }
}
