package dev.freeport.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonChars;

/**
 * What a chat request needs from a model, read once from the canonical body when the request is decoded; routing,
 * the capability checks and the audit read these instead of walking the JSON again.
 *
 * @param tools       the request offers tools
 * @param vision      a message carries an image
 * @param jsonOutput  {@code response_format} asks for JSON (object or schema)
 * @param reasoning   reasoning was asked for ({@code reasoning_effort} other than none, or thinking enabled)
 * @param promptChars characters of the prompt: message texts, tool-call arguments and tool definitions
 * @param nativeOnly  a feature only a back end speaking the caller's own API can serve (an Anthropic server tool,
 *                    {@code mcp_servers}, ...), or null: routing leaves out targets of other provider types
 */
public record RequestTraits(boolean tools, boolean vision, boolean jsonOutput, boolean reasoning, long promptChars,
                            NativeOnly nativeOnly) {

    /**
     * A part of the request that only an upstream of provider type {@code api} understands; {@code feature} names it
     * for the caller (e.g. "tools.3: the Anthropic server tool web_search_20250305").
     */
    public record NativeOnly(String api, String feature) {
    }

    public RequestTraits(boolean tools, boolean vision, boolean jsonOutput, boolean reasoning, long promptChars) {
        this(tools, vision, jsonOutput, reasoning, promptChars, null);
    }

    /** The same traits with a native-only feature (null for none). */
    public RequestTraits withNativeOnly(NativeOnly feature) {
        return new RequestTraits(tools, vision, jsonOutput, reasoning, promptChars, feature);
    }

    /** Reads the traits of an OpenAI-format chat body. */
    public static RequestTraits of(JsonNode body) {
        JsonNode toolList = body.path("tools");
        boolean tools = toolList.isArray() && !toolList.isEmpty();
        String format = body.path("response_format").path("type").asText("");
        boolean json = format.equals("json_object") || format.equals("json_schema");
        boolean reasoning = body.hasNonNull("reasoning_effort") && !"none".equals(body.path("reasoning_effort")
                .asText()) || body.path("thinking").path("type").asText("").equals("enabled");
        boolean vision = false;
        long chars = 0;
        for (JsonNode m : body.path("messages")) {
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                chars += content.textValue().length();
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    String type = part.path("type").asText();
                    if (type.equals("image_url")) {
                        vision = true;
                    } else if (part.path("text").isTextual()) {
                        chars += part.path("text").textValue().length();
                    }
                }
            }
            for (JsonNode call : m.path("tool_calls")) {
                chars += call.path("function").path("arguments").asText("").length();
            }
        }
        if (tools) {
            chars += JsonChars.compact(toolList); // its compact JSON's length, not written out
        }
        return new RequestTraits(tools, vision, json, reasoning, chars);
    }
}
