package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes a plausible, deterministic JSON value that satisfies a JSON schema well enough for a simulated model:
 * objects get their required properties (all properties when none is marked required), enums and consts are
 * respected, numbers stay within minimum/maximum, arrays respect minItems, local {@code $ref}s are followed.
 */
final class SchemaSampler {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    private final JsonNode root;
    private final SplittableRandom random;

    SchemaSampler(JsonNode root, long seed) {
        this.root = root;
        this.random = new SplittableRandom(seed);
    }

    /** A value for the root schema; a non-object root schema still yields a value of its type. */
    JsonNode sample() {
        return value(root, "value", 0);
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema == null || !schema.isObject()) {
            return F.textNode(Words.phrase(random, 2));
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        JsonNode en = schema.get("enum");
        if (en != null && en.isArray() && !en.isEmpty()) {
            return en.get(random.nextInt(en.size())).deepCopy();
        }
        for (String alt : new String[]{"anyOf", "oneOf", "allOf"}) {
            JsonNode options = schema.get(alt);
            if (options != null && options.isArray() && !options.isEmpty()) {
                return value(firstNonNull(options), name, depth + 1);
            }
        }
        String type = type(schema);
        if (depth >= MAX_DEPTH && ("object".equals(type) || "array".equals(type))) {
            return "object".equals(type) ? F.objectNode() : F.arrayNode();
        }
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "integer" -> F.numberNode(integer(schema));
            case "number" -> F.numberNode(number(schema));
            case "boolean" -> F.booleanNode(random.nextBoolean());
            case "null" -> F.nullNode();
            default -> F.textNode(string(schema, name));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = F.objectNode();
        JsonNode props = schema.path("properties");
        JsonNode required = schema.get("required");
        if (required != null && required.isArray() && !required.isEmpty()) {
            for (JsonNode r : required) {
                String key = r.asText();
                out.set(key, value(props.get(key), key, depth + 1));
            }
        } else {
            Iterator<String> keys = props.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                out.set(key, value(props.get(key), key, depth + 1));
            }
        }
        return out;
    }

    private ArrayNode array(JsonNode schema, String name, int depth) {
        ArrayNode out = F.arrayNode();
        int min = schema.path("minItems").asInt(1);
        int max = schema.path("maxItems").asInt(Math.max(min, 2));
        int n = Math.max(min, Math.min(max, 1 + random.nextInt(2)));
        for (int i = 0; i < n; i++) {
            out.add(value(schema.get("items"), name, depth + 1));
        }
        return out;
    }

    private double number(JsonNode schema) {
        double max = schema.has("maximum") ? schema.get("maximum").asDouble() : Double.NaN;
        double min = schema.has("minimum") ? schema.get("minimum").asDouble()
                : Double.isNaN(max) ? 0 : Math.min(0, max);
        if (Double.isNaN(max)) {
            max = min + 100;
        }
        double v = Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0;
        return Math.max(min, Math.min(max, v));
    }

    private long integer(JsonNode schema) {
        long max0 = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble()) : Long.MIN_VALUE;
        long min = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble())
                : max0 == Long.MIN_VALUE ? 1 : Math.min(1, max0);
        long max = max0 == Long.MIN_VALUE ? Math.max(min, 100) : max0;
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
            min = (long) Math.floor(schema.get("exclusiveMinimum").asDouble()) + 1;
        }
        if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) {
            max = (long) Math.ceil(schema.get("exclusiveMaximum").asDouble()) - 1;
        }
        if (max <= min) {
            return min;
        }
        return min + random.nextLong(max - min + 1);
    }

    private String string(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "date" -> {
                return String.format(Locale.ROOT, "2025-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
            }
            case "date-time" -> {
                return String.format(Locale.ROOT, "2025-%02d-%02dT%02d:00:00Z", 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24));
            }
            case "email" -> {
                return Words.pick(random) + "@example.com";
            }
            case "uri", "url" -> {
                return "https://example.com/" + Words.pick(random);
            }
            case "uuid" -> {
                return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            }
            default -> {
                // plain string below
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("city") || lower.contains("location")) {
            return Words.CITIES[random.nextInt(Words.CITIES.length)];
        }
        if (lower.contains("unit")) {
            return random.nextBoolean() ? "celsius" : "fahrenheit";
        }
        String s = Words.phrase(random, 1 + random.nextInt(4));
        int min = schema.path("minLength").asInt(0);
        while (s.length() < min) {
            s = s + " " + Words.pick(random);
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t != null && t.isTextual()) {
            return t.asText();
        }
        if (t != null && t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asText())) {
                    return x.asText();
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private static JsonNode firstNonNull(JsonNode options) {
        for (JsonNode o : options) {
            if (!"null".equals(o.path("type").asText())) {
                return o;
            }
        }
        return options.get(0);
    }

    private JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema != null && schema.has("$ref") && hops < 8; hops++) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return null;
            }
            JsonNode target = root.at(ref.substring(1));
            schema = target.isMissingNode() ? null : target;
        }
        return schema;
    }
}
