package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonFields;

/**
 * How an OpenAI {@code response_format} is emulated on Anthropic, which has no such field.
 * {@code json_schema}: a tool whose input_schema is the schema is forced, and its tool_use input is turned back
 * into the message content by the response mapper and the stream decoder. {@code json_object}: a system
 * instruction asks for one JSON object (best effort; Anthropic cannot enforce it).
 *
 * @param toolName    the forced tool's name (json_schema), else null
 * @param instruction the extra system instruction (json_object), else null
 */
public record JsonOutput(String toolName, String instruction) {

    public static final JsonOutput NONE = new JsonOutput(null, null);

    /** The tool name used when the json_schema has no name. */
    public static final String DEFAULT_TOOL = "json_response";

    public static final String JSON_OBJECT_INSTRUCTION =
            "Respond with a single valid JSON object and nothing else: no prose, no code fences.";

    /** Reads {@code response_format} of an OpenAI request body (absent or "text" → NONE). */
    public static JsonOutput of(JsonNode body) {
        JsonNode rf = body.get("response_format");
        String type = JsonFields.text(rf, "type");
        if (type == null || "text".equals(type)) {
            return NONE;
        }
        return switch (type) {
            case "json_object" -> new JsonOutput(null, JSON_OBJECT_INSTRUCTION);
            case "json_schema" -> {
                String name = JsonFields.text(rf.get("json_schema"), "name");
                yield new JsonOutput(name == null || name.isBlank() ? DEFAULT_TOOL : name, null);
            }
            default -> throw ClientErrors.badRequest("response_format.type=" + type + " is not supported");
        };
    }

    public boolean forcesTool() {
        return toolName != null;
    }

    /** Whether a tool_use block named {@code name} is the JSON answer rather than a real tool call. */
    public boolean isJsonTool(String name) {
        return toolName != null && toolName.equals(name);
    }
}
