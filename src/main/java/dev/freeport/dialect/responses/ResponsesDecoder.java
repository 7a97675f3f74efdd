package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.freeport.dialect.responses.Fields.absent;
import static dev.freeport.dialect.responses.Fields.object;
import static dev.freeport.dialect.responses.Fields.unsupported;

/**
 * Reads and validates a Responses API request ({@code POST /v1/responses}) and translates it to the canonical
 * OpenAI chat request. Every failure is a 400 naming the field (see {@link Fields}). Pure: the conversation of a
 * {@code previous_response_id} comes from the response store, through {@link ResponsesRequest#withHistory}.
 * Input items: {@link InputMapper}; tools: {@link ToolsMapper}.
 *
 * <p>Top-level fields:
 * <ul>
 *   <li>mapped: {@code model}; {@code instructions} → a first system message; {@code input} (string or items);
 *       {@code max_output_tokens} → {@code max_tokens}; {@code temperature} (0..2), {@code top_p} (0..1);
 *       {@code text.format} text → nothing, json_object → {@code response_format} json_object, json_schema
 *       (name, schema, strict, description) → {@code response_format} json_schema; {@code reasoning.effort} →
 *       {@code reasoning_effort}; {@code safety_identifier}, else {@code user} → {@code user}; {@code stream} →
 *       {@code stream} with {@code stream_options.include_usage} (the final event carries usage); tools,
 *       tool_choice, parallel_tool_calls.</li>
 *   <li>kept for Freeport, not sent upstream: {@code store}, {@code previous_response_id}, {@code metadata}
 *       (echoed; chat's metadata would ask OpenAI to store the completion).</li>
 *   <li>validated, echoed, dropped knowingly: {@code text.verbosity} (a hint several open-model hosts reject),
 *       {@code reasoning.summary} (a back end's reasoning comes back as raw reasoning text, never summarised),
 *       {@code include} (encrypted reasoning, logprobs and built-in tool outputs are never produced),
 *       {@code truncation} (the back end's own context error reaches the caller), {@code service_tier},
 *       {@code prompt_cache_key}, {@code prompt_cache_retention}, {@code prompt_cache_options},
 *       {@code stream_options}, {@code max_tool_calls} (built-in tools only), {@code context_management},
 *       {@code background:false}, {@code top_logprobs:0}.</li>
 *   <li>refused (dropping them would change the answer): {@code background:true}, {@code conversation},
 *       {@code prompt} (stored prompt templates), {@code moderation}, {@code top_logprobs} above 0.</li>
 *   <li>any other top-level field (e.g. Codex's {@code client_metadata}) is dropped and listed in
 *       {@link ResponsesRequest#ignoredFields()} for the front to log and count.</li>
 * </ul>
 */
public final class ResponsesDecoder {
    static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");
    private static final Set<String> KNOWN = Set.of("model", "input", "instructions", "max_output_tokens",
            "temperature", "top_p", "text", "reasoning", "tools", "tool_choice", "parallel_tool_calls", "store",
            "previous_response_id", "metadata", "user", "safety_identifier", "stream", "stream_options", "include",
            "truncation", "service_tier", "prompt_cache_key", "prompt_cache_retention", "prompt_cache_options",
            "max_tool_calls", "context_management", "background", "top_logprobs", "conversation", "prompt",
            "moderation");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,200}$");
    private static final Pattern SCHEMA_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private ResponsesDecoder() {
    }

    /** A {@code POST /v1/responses} body; with a previous_response_id the result {@link ResponsesRequest#needsHistory}. */
    public static ResponsesRequest decode(Buffer body) {
        ObjectNode root = Json.parseObject(body);
        return decode(root, absent(root.get("previous_response_id")) ? Json.NODES.arrayNode() : null);
    }

    /**
     * A {@code POST /v1/responses/input_tokens} body: the fields of a create request, where {@code model} and
     * {@code input} are optional (OpenAI counts without them). With a previous_response_id the result
     * {@link ResponsesRequest#needsHistory}.
     */
    public static ResponsesRequest decodeForCount(Buffer body) {
        ObjectNode root = Json.parseObject(body);
        if (absent(root.get("model"))) {
            root.put("model", "input_tokens");
        }
        if (absent(root.get("input"))) {
            root.putArray("input");
        }
        root.remove(List.of("stream", "store"));
        return decode(root, absent(root.get("previous_response_id")) ? Json.NODES.arrayNode() : null);
    }

    /** Translates {@code root}; {@code history} is the previous conversation (null: not loaded yet). */
    static ResponsesRequest decode(ObjectNode root, ArrayNode history) {
        List<String> ignored = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                ignored.add(f);
            }
        }
        refuse(root);
        String model = Fields.string(root, "model", "model");
        if (model.isBlank()) {
            throw Fields.invalid("model", "expected a model name, got an empty string.");
        }
        boolean stream = Boolean.TRUE.equals(Fields.optBoolean(root, "stream", "stream"));
        Boolean store = Fields.optBoolean(root, "store", "store");
        String previous = Fields.optString(root, "previous_response_id", "previous_response_id");
        if (previous != null && !ID.matcher(previous).matches()) {
            throw Fields.invalid("previous_response_id", "expected an ID that contains letters, numbers, "
                    + "underscores, or dashes.");
        }
        String instructions = Fields.optString(root, "instructions", "instructions");
        ArrayNode input = input(root.get("input"));
        Integer maxTokens = Fields.optInt(root, "max_output_tokens", "max_output_tokens", 1);
        JsonNode temperature = Fields.optNumber(root, "temperature", "temperature", 0, 2);
        JsonNode topP = Fields.optNumber(root, "top_p", "top_p", 0, 1);
        List<ToolsMapper.Additional> additional = new ArrayList<>();
        if (history != null) {
            additionalTools(history, "previous_response_id.conversation", additional);
        }
        additionalTools(input, "input", additional);
        ToolsMapper.Mapped tools = ToolsMapper.map(root.get("tools"), additional, root.get("tool_choice"));
        Boolean parallel = Fields.optBoolean(root, "parallel_tool_calls", "parallel_tool_calls");
        ObjectNode text = Fields.optObject(root, "text", "text");
        ObjectNode responseFormat = text == null ? null : responseFormat(text);
        ObjectNode reasoning = Fields.optObject(root, "reasoning", "reasoning");
        String effort = reasoning == null ? null : Fields.optEnum(reasoning, "effort", "reasoning.effort", EFFORTS);
        String user = user(root);
        ObjectNode metadata = metadata(root.get("metadata"));
        validateDropped(root);

        ObjectNode body = Json.NODES.objectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (instructions != null && !instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        // without its history yet, the input is still validated (tool outputs may answer calls in the history)
        InputMapper mapper = new InputMapper(messages, history != null);
        if (history != null) {
            mapper.items(history, "previous_response_id.conversation");
        }
        mapper.items(input, "input");
        mapper.finish();
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens.intValue());
        }
        if (temperature != null) {
            body.set("temperature", temperature);
        }
        if (topP != null) {
            body.set("top_p", topP);
        }
        if (!tools.tools().isEmpty()) {
            body.set("tools", tools.tools());
            if (tools.toolChoice() != null) {
                body.set("tool_choice", tools.toolChoice());
            }
            if (parallel != null) {
                body.put("parallel_tool_calls", parallel);
            }
        }
        if (responseFormat != null) {
            body.set("response_format", responseFormat);
        }
        if (effort != null) {
            body.put("reasoning_effort", effort);
        }
        if (user != null) {
            body.put("user", user);
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        ChatRequest chat = new ChatRequest(model, stream, stream, maxTokens, user, body);
        ObjectNode echo = Echo.of(root, instructions, metadata, previous, store == null || store);
        return new ResponsesRequest(chat, echo, tools.names(), input, history, previous, store == null || store,
                tools.dropped(), ignored, root);
    }

    /** The tools of each {@code additional_tools} item among {@code items} (validated as arrays). */
    private static void additionalTools(ArrayNode items, String path, List<ToolsMapper.Additional> out) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isObject() && "additional_tools".equals(item.path("type").asText())) {
                String p = path + "[" + i + "].tools";
                out.add(new ToolsMapper.Additional(Fields.array(item.get("tools"), p), p));
            }
        }
    }

    private static void refuse(ObjectNode root) {
        if (Boolean.TRUE.equals(Fields.optBoolean(root, "background", "background"))) {
            throw unsupported("background", "Running a response in the background ('background': true)");
        }
        for (Map.Entry<String, String> f : Map.of("conversation", "A conversation object ('conversation')",
                "prompt", "A stored prompt template ('prompt')", "moderation", "Moderation ('moderation')")
                .entrySet()) {
            if (!absent(root.get(f.getKey()))) {
                throw unsupported(f.getKey(), f.getValue());
            }
        }
        Integer top = Fields.optInt(root, "top_logprobs", "top_logprobs", 0);
        if (top != null && top > 0) {
            throw unsupported("top_logprobs", "Returning log probabilities ('top_logprobs' above 0)");
        }
    }

    /** The input as Responses items: a string becomes one user message item. */
    private static ArrayNode input(JsonNode input) {
        if (absent(input)) {
            throw Fields.missing("input");
        }
        if (input.isTextual()) {
            ArrayNode items = Json.NODES.arrayNode();
            ObjectNode msg = items.addObject().put("type", "message").put("role", "user");
            msg.putArray("content").addObject().put("type", "input_text").put("text", input.textValue());
            return items;
        }
        if (!input.isArray()) {
            throw Fields.wrongType("input", "a string or an array of input items", input);
        }
        return (ArrayNode) input.deepCopy();
    }

    private static ObjectNode responseFormat(ObjectNode text) {
        Fields.optEnum(text, "verbosity", "text.verbosity", List.of("low", "medium", "high"));
        ObjectNode format = Fields.optObject(text, "format", "text.format");
        if (format == null) {
            return null;
        }
        String type = Fields.string(format, "type", "text.format.type");
        switch (type) {
            case "text" -> {
                return null;
            }
            case "json_object" -> {
                return Json.NODES.objectNode().put("type", "json_object");
            }
            case "json_schema" -> {
                String name = Fields.string(format, "name", "text.format.name");
                if (!SCHEMA_NAME.matcher(name).matches()) {
                    throw Fields.invalid("text.format.name", "'" + name + "' must match ^[a-zA-Z0-9_-]{1,64}$.");
                }
                ObjectNode schema = object(format.get("schema"), "text.format.schema");
                ObjectNode out = Json.NODES.objectNode().put("type", "json_schema");
                ObjectNode js = out.putObject("json_schema").put("name", name);
                String description = Fields.optString(format, "description", "text.format.description");
                if (description != null) {
                    js.put("description", description);
                }
                js.set("schema", schema.deepCopy());
                Boolean strict = Fields.optBoolean(format, "strict", "text.format.strict");
                if (strict != null) {
                    js.put("strict", strict);
                }
                return out;
            }
            default -> throw Fields.oneOf("text.format.type", type, List.of("text", "json_object", "json_schema"));
        }
    }

    private static String user(ObjectNode root) {
        String safety = Fields.optString(root, "safety_identifier", "safety_identifier");
        String user = Fields.optString(root, "user", "user");
        return safety != null ? safety : user;
    }

    private static ObjectNode metadata(JsonNode metadata) {
        if (absent(metadata)) {
            return Json.NODES.objectNode();
        }
        ObjectNode md = object(metadata, "metadata");
        if (md.size() > 16) {
            throw Fields.invalid("metadata", "expected at most 16 keys, got " + md.size() + ".");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = md.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().length() > 64) {
                throw Fields.invalid("metadata", "keys are at most 64 characters long.");
            }
            if (!e.getValue().isTextual() || e.getValue().textValue().length() > 512) {
                throw Fields.invalid("metadata." + e.getKey(), "expected a string of at most 512 characters.");
            }
        }
        return md;
    }

    /** Fields that are dropped, checked for their type so a typo still fails as OpenAI would fail it. */
    private static void validateDropped(ObjectNode root) {
        JsonNode include = root.get("include");
        if (!absent(include)) {
            ArrayNode arr = Fields.array(include, "include");
            for (int i = 0; i < arr.size(); i++) {
                if (!arr.get(i).isTextual()) {
                    throw Fields.wrongType("include[" + i + "]", "a string", arr.get(i));
                }
            }
        }
        Fields.optEnum(root, "truncation", "truncation", List.of("auto", "disabled"));
        Fields.optString(root, "service_tier", "service_tier");
        Fields.optString(root, "prompt_cache_key", "prompt_cache_key");
        Fields.optInt(root, "max_tool_calls", "max_tool_calls", 1);
        Fields.optObject(root, "stream_options", "stream_options");
        ObjectNode reasoning = Fields.optObject(root, "reasoning", "reasoning");
        if (reasoning != null) {
            List<String> summaries = List.of("auto", "concise", "detailed");
            Fields.optEnum(reasoning, "summary", "reasoning.summary", summaries);
            Fields.optEnum(reasoning, "generate_summary", "reasoning.generate_summary", summaries);
        }
    }
}
