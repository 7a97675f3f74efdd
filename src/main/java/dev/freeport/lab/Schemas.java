package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema validation of model output (requested schemas, tool parameters) with networknt's
 * json-schema-validator (draft 2020-12 unless the schema names another draft). Compiled schemas are cached by
 * their text (a few thousand at most: one per distinct tool or output schema of an alias). A schema that cannot be
 * compiled validates nothing: the answer is not blamed for the request's broken schema.
 */
final class Schemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final int MAX_CACHED = 4096;
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static boolean valid(JsonNode schema, JsonNode value) {
        JsonSchema compiled;
        try {
            String key = schema.toString();
            compiled = CACHE.get(key);
            if (compiled == null) {
                compiled = FACTORY.getSchema(schema);
                if (CACHE.size() < MAX_CACHED) {
                    CACHE.put(key, compiled);
                }
            }
        } catch (RuntimeException e) {
            return true;
        }
        return compiled.validate(value).isEmpty();
    }
}
