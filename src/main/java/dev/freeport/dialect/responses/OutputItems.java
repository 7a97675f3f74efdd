package dev.freeport.dialect.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.Iterator;

/** The output items of a response, shared by the JSON and the stream encoders. */
final class OutputItems {
    private OutputItems() {
    }

    /** An assistant message with one output_text part (or a refusal part when {@code refusal}). */
    static ObjectNode message(String id, String text, boolean refusal, String status) {
        ObjectNode item = Json.NODES.objectNode().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.putArray("content").add(refusal ? refusalPart(text) : textPart(text));
        return item;
    }

    /** An empty message, as {@code response.output_item.added} announces it. */
    static ObjectNode emptyMessage(String id) {
        ObjectNode item = Json.NODES.objectNode().put("id", id).put("type", "message").put("status", "in_progress")
                .put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Json.NODES.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode refusalPart(String text) {
        return Json.NODES.objectNode().put("type", "refusal").put("refusal", text);
    }

    /** A function_call or custom_tool_call item for a chat tool call, by what the tool was declared as. */
    static ObjectNode call(String id, String callId, ToolNames.Tool tool, String arguments, String status) {
        boolean custom = tool.kind() == ToolNames.Kind.CUSTOM;
        ObjectNode item = Json.NODES.objectNode().put("id", id)
                .put("type", custom ? "custom_tool_call" : "function_call").put("status", status);
        if (custom) {
            item.put("call_id", callId).put("name", tool.name()).put("input", customInput(arguments));
        } else {
            item.put("arguments", arguments).put("call_id", callId).put("name", tool.name());
        }
        if (tool.namespace() != null) {
            item.put("namespace", tool.namespace());
        }
        return item;
    }

    /** A reasoning item carrying the back end's reasoning text as reasoning_text content (no summary). */
    static ObjectNode reasoning(String id, String text, String status) {
        ObjectNode item = Json.NODES.objectNode().put("id", id).put("type", "reasoning");
        item.putArray("summary");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.addObject().put("type", "reasoning_text").put("text", text);
        }
        item.putNull("encrypted_content");
        item.put("status", status);
        return item;
    }

    /**
     * A custom tool's raw input from the chat arguments: {@code {"input": "..."}} as the function was declared, or
     * the one string value of an object with a single field; anything else (a model ignoring the schema) is the
     * arguments text itself.
     */
    static String customInput(String arguments) {
        if (arguments == null) {
            return "";
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                JsonNode input = parsed.get(ToolsMapper.CUSTOM_INPUT);
                if (input != null && input.isTextual()) {
                    return input.textValue();
                }
                Iterator<JsonNode> values = parsed.elements();
                if (parsed.size() == 1 && values.next() instanceof JsonNode only && only.isTextual()) {
                    return only.textValue();
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: the raw text
        }
        return arguments;
    }
}
