package dev.freeport.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers the provider codecs share: reading optional fields of upstream JSON without null checks. */
public final class JsonFields {
    /** The one mapper ({@link Json#MAPPER}), under the name the codecs use. */
    public static final ObjectMapper MAPPER = Json.MAPPER;
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonFields() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    /** The text of {@code node.field}, or null when absent, null or not textual. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Whether {@code field} is present with a non-null value. */
    public static boolean has(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && !v.isNull();
    }

    /** A number field, 0 when absent or not a number. */
    public static long longAt(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : 0L;
    }

    /** A count field: as {@link #longAt}, never negative. */
    public static long count(JsonNode node, String field) {
        return Math.max(0, longAt(node, field));
    }

    /** Parses JSON text, or null when it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
