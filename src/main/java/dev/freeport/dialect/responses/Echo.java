package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import static dev.freeport.dialect.responses.Fields.absent;

/**
 * The request settings a response object repeats, in the order and with the defaults OpenAI shows: what was asked
 * (tools as declared, not as translated), else the documented default. {@code temperature} and {@code top_p} stay
 * null when not asked (the back end's own default applies, which Freeport does not know); {@code service_tier} is
 * always "default".
 */
final class Echo {
    private Echo() {
    }

    static ObjectNode of(ObjectNode root, String instructions, ObjectNode metadata, String previous, boolean store) {
        ObjectNode e = Json.NODES.objectNode();
        e.put("background", false);
        put(e, "instructions", instructions == null ? null : Json.NODES.textNode(instructions));
        copy(root, e, "max_output_tokens");
        copy(root, e, "max_tool_calls");
        e.set("metadata", metadata.deepCopy());
        e.put("model", root.get("model").textValue());
        e.put("parallel_tool_calls", root.path("parallel_tool_calls").asBoolean(true));
        put(e, "previous_response_id", previous == null ? null : Json.NODES.textNode(previous));
        copy(root, e, "prompt_cache_key");
        ObjectNode reasoning = e.putObject("reasoning");
        JsonNode asked = root.path("reasoning");
        put(reasoning, "effort", asked.get("effort"));
        put(reasoning, "summary", absent(asked.get("summary")) ? asked.get("generate_summary") : asked.get("summary"));
        copy(root, e, "safety_identifier");
        e.put("service_tier", "default");
        e.put("store", store);
        copy(root, e, "temperature");
        ObjectNode text = e.putObject("text");
        JsonNode format = root.path("text").get("format");
        text.set("format", absent(format) ? Json.NODES.objectNode().put("type", "text") : format.deepCopy());
        if (!absent(root.path("text").get("verbosity"))) {
            text.set("verbosity", root.path("text").get("verbosity").deepCopy());
        }
        JsonNode choice = root.get("tool_choice");
        e.set("tool_choice", absent(choice) ? Json.NODES.textNode("auto") : choice.deepCopy());
        JsonNode tools = root.get("tools");
        e.set("tools", absent(tools) ? Json.NODES.arrayNode() : tools.deepCopy());
        e.put("top_logprobs", root.path("top_logprobs").asInt(0));
        copy(root, e, "top_p");
        JsonNode truncation = root.get("truncation");
        e.set("truncation", absent(truncation) ? Json.NODES.textNode("disabled") : truncation.deepCopy());
        copy(root, e, "user");
        return e;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        put(to, field, from.get(field));
    }

    private static void put(ObjectNode to, String field, JsonNode value) {
        if (absent(value)) {
            to.putNull(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
