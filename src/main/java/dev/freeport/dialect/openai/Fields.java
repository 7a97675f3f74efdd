package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;

import java.util.Locale;

/** Field checks that fail with OpenAI-style 400s naming the field ("param") and saying why. */
final class Fields {
    private Fields() {
    }

    static GatewayException invalid(String param, String message) {
        return GatewayError.invalid(param, message).toException();
    }

    static String typeName(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static GatewayException wrongType(String param, String expected, JsonNode got) {
        return invalid(param, "Invalid type for '" + param + "': expected " + expected + ", but got "
                + typeName(got) + " instead.");
    }

    /** Absent or null → null; else must be a string. */
    static String optString(JsonNode parent, String field, String param) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(param, "a string", n);
        }
        return n.textValue();
    }

    static boolean optBoolean(JsonNode parent, String field, String param, boolean dflt) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw wrongType(param, "a boolean", n);
        }
        return n.booleanValue();
    }

    static Integer optInt(JsonNode parent, String field, String param, long min, long max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() && !(n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0)) {
            throw wrongType(param, "an integer", n);
        }
        if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw invalid(param, "Invalid '" + param + "': " + n.asText() + " is out of range; expected "
                    + (max == Integer.MAX_VALUE ? "at least " + min : "a value from " + min + " to " + max) + ".");
        }
        return (int) n.longValue();
    }

    static void optNumber(JsonNode parent, String field, double min, double max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber()) {
            throw wrongType(field, "a number", n);
        }
        if (n.decimalValue().compareTo(java.math.BigDecimal.valueOf(min)) < 0
                || n.decimalValue().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw invalid(field, "Invalid '" + field + "': " + n.asText() + " is out of range; expected a value from "
                    + trim(min) + " to " + trim(max) + ".");
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
