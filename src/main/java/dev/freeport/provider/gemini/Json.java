package dev.freeport.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;

/** Shared, thread-safe JSON helpers and client-error builders of this package. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    /** The text of {@code node.field}, or null when absent, null or not textual. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Whether {@code field} is present with a non-null value. */
    static boolean has(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && !v.isNull();
    }

    static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? Math.max(0, v.asLong()) : 0L;
    }

    /** Parses JSON text, or null when it is not JSON. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The 400 a caller gets when its OpenAI request cannot be expressed in Gemini's API. */
    static UpstreamException badRequest(String message) {
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 400, message, null, "invalid_request_error", null)
                .toException();
    }

    static UpstreamException unsupported(String what, String provider) {
        return badRequest(what + " is not supported by the " + provider + " provider (Gemini)");
    }
}
