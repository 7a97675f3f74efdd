package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;

/**
 * Field checks that fail the way Anthropic does: a 400 {@code invalid_request_error} whose message starts with the
 * field path in Anthropic's dotted form ({@code messages.0.content.1.source}) and says why; the same path is the
 * error's {@code param}.
 */
final class Checks {
    private Checks() {
    }

    static GatewayException invalid(String path, String why) {
        return GatewayError.invalid(path, path + ": " + why).toException();
    }

    static GatewayException unsupported(String path, String what) {
        return invalid(path, what + " is not supported by Freeport's Anthropic Messages front end");
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

    static GatewayException wrongType(String path, String expected, JsonNode got) {
        return invalid(path, "Input should be " + expected + ", got " + kind(got));
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** Anthropic's "Extra inputs are not permitted" for any field of {@code obj} outside {@code allowed}. */
    static void onlyFields(JsonNode obj, String path, Set<String> allowed) {
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(path.isEmpty() ? name : path + "." + name, "Extra inputs are not permitted");
            }
        }
    }

    static ObjectNode object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw n == null || n.isNull() ? invalid(path, "Field required") : wrongType(path, "an object", n);
        }
        return (ObjectNode) n;
    }

    static String requiredString(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            throw invalid(path, "Field required");
        }
        if (!n.isTextual()) {
            throw wrongType(path, "a valid string", n);
        }
        return n.textValue();
    }

    /** Absent or null → null, else a string. */
    static String optString(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(path, "a valid string", n);
        }
        return n.textValue();
    }

    static Boolean optBoolean(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (absent(n)) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(path, "a valid boolean", n);
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
            throw wrongType(path, "a valid integer", n);
        }
        if (!n.canConvertToInt() || n.intValue() < min) {
            throw invalid(path, "Input should be greater than or equal to " + min + " (and fit in 32 bits), got "
                    + n.asText());
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
            throw wrongType(path, "a valid number", n);
        }
        BigDecimal v = n.decimalValue();
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(path, "Input should be between " + trim(min) + " and " + trim(max) + ", got " + n.asText());
        }
        return n;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
