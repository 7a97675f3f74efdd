package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;

import java.math.BigDecimal;
import java.util.List;

/**
 * Field checks that fail the way OpenAI's Responses API does: a 400 {@code invalid_request_error} whose
 * {@code param} is the field path in OpenAI's form ({@code input[2].content[0].image_url}) and whose message names
 * it and says why, with OpenAI's codes ({@code missing_required_parameter}, {@code invalid_type},
 * {@code invalid_value}) plus {@code unsupported_parameter} / {@code unsupported_value} for what Freeport cannot
 * serve.
 */
final class Fields {
    static final String FRONT = "Freeport's Responses API front end";

    private Fields() {
    }

    static GatewayException error(String param, String code, String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, param, code, null).toException();
    }

    static GatewayException missing(String path) {
        return error(path, "missing_required_parameter", "Missing required parameter: '" + path + "'.");
    }

    static GatewayException invalid(String path, String why) {
        return error(path, "invalid_value", "Invalid value for '" + path + "': " + why);
    }

    static GatewayException wrongType(String path, String expected, JsonNode got) {
        return error(path, "invalid_type", "Invalid type for '" + path + "': expected " + expected + ", but got "
                + kind(got) + " instead.");
    }

    static GatewayException oneOf(String path, String got, List<String> allowed) {
        return error(path, "invalid_value", "Invalid value: '" + got + "' for '" + path + "'. Supported values are: '"
                + String.join("', '", allowed) + "'.");
    }

    /** A field or value that is valid for OpenAI but that Freeport cannot serve, and must not drop. */
    static GatewayException unsupported(String path, String what) {
        return error(path, "unsupported_value", what + " is not supported by " + FRONT + ".");
    }

    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    static ObjectNode object(JsonNode n, String path) {
        if (absent(n)) {
            throw missing(path);
        }
        if (!n.isObject()) {
            throw wrongType(path, "an object", n);
        }
        return (ObjectNode) n;
    }

    /** Absent or null → null, else an object. */
    static ObjectNode optObject(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        return absent(n) ? null : object(n, path);
    }

    static ArrayNode array(JsonNode n, String path) {
        if (absent(n)) {
            throw missing(path);
        }
        if (!n.isArray()) {
            throw wrongType(path, "an array", n);
        }
        return (ArrayNode) n;
    }

    static String string(JsonNode parent, String field, String path) {
        String s = optString(parent, field, path);
        if (s == null) {
            throw missing(path);
        }
        return s;
    }

    /** Absent or null → null, else a string. */
    static String optString(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(path, "a string", n);
        }
        return n.textValue();
    }

    static Boolean optBoolean(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(path, "a boolean", n);
        }
        return n.booleanValue();
    }

    /** Absent or null → null; else an integer of at least {@code min}. */
    static Integer optInt(JsonNode parent, String field, String path, long min) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        boolean integral = n.isIntegralNumber()
                || n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0;
        if (!integral) {
            throw wrongType(path, "an integer", n);
        }
        if (!n.canConvertToInt() || n.intValue() < min) {
            throw invalid(path, "integer below minimum value. Expected a value >= " + min + ", but got " + n.asText()
                    + " instead.");
        }
        return n.intValue();
    }

    /** Absent or null → null; else a number in [min, max], returned as sent. */
    static JsonNode optNumber(JsonNode parent, String field, String path, double min, double max) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(path, "a number", n);
        }
        BigDecimal v = n.decimalValue();
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(path, "expected a number between " + trim(min) + " and " + trim(max) + ", but got "
                    + n.asText() + " instead.");
        }
        return n;
    }

    /** Absent or null → null; else one of {@code allowed}. */
    static String optEnum(JsonNode parent, String field, String path, List<String> allowed) {
        String s = optString(parent, field, path);
        if (s != null && !allowed.contains(s)) {
            throw oneOf(path, s, allowed);
        }
        return s;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
