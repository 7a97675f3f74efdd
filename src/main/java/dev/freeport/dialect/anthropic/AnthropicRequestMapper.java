package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.openai.OpenAiOnlyFields;
import dev.freeport.json.JsonFields;

import java.util.HashSet;
import java.util.Set;

/**
 * OpenAI chat completion request body → Anthropic Messages request body. Pure; the input is not modified.
 *
 * <p>Field decisions:
 * <ul>
 *   <li>{@code max_completion_tokens}/{@code max_tokens} → {@code max_tokens}; Anthropic requires it, so
 *       {@value #DEFAULT_MAX_TOKENS} is sent when the caller gave none.</li>
 *   <li>{@code temperature}: OpenAI allows 0..2, Anthropic 0..1; values above 1 are clamped to 1 (scaling would
 *       change the meaning of the common 0.2–0.8 values).</li>
 *   <li>{@code top_p}, {@code top_k} pass through; {@code stop} → {@code stop_sequences};
 *       {@code user} (or {@code safety_identifier}) → {@code metadata.user_id}.</li>
 *   <li>{@code parallel_tool_calls:false} → {@code tool_choice.disable_parallel_tool_use}.</li>
 *   <li>Refused with 400 (the answer would silently differ): {@code n>1}, {@code logprobs:true},
 *       {@code top_logprobs}, {@code audio}, non-text {@code modalities}, non-empty {@code logit_bias} (token
 *       ids do not carry over to Claude's tokenizer), {@code web_search_options}, legacy {@code functions} /
 *       {@code function_call}.</li>
 *   <li>Dropped as harmless hints: {@code seed}, {@code frequency_penalty}, {@code presence_penalty},
 *       {@code prediction}, {@code store}, {@code metadata}, {@code service_tier}, {@code reasoning_effort},
 *       {@code verbosity}, {@code prompt_cache_key}, {@code stream_options} (Anthropic always reports usage),
 *       {@code function.strict} of tools.</li>
 * </ul>
 */
public final class AnthropicRequestMapper {

    /** The output cap sent when the caller set none (Anthropic requires one). */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private final String provider;
    private final AnthropicMessageMapper messages;

    public AnthropicRequestMapper(String providerName) {
        this.provider = providerName;
        this.messages = new AnthropicMessageMapper(providerName);
    }

    /**
     * @param body            the caller's OpenAI request body
     * @param upstreamModel   the Anthropic model name
     * @param maxOutputTokens the caller's output cap, or null for {@link #DEFAULT_MAX_TOKENS}
     * @param stream          whether to ask for server-sent events
     * @throws dev.freeport.provider.UpstreamException CLIENT_ERROR 400 when the request cannot be mapped
     */
    public ObjectNode map(JsonNode body, String upstreamModel, Integer maxOutputTokens, boolean stream) {
        rejectUnmappable(body);
        JsonOutput json = JsonOutput.of(body);
        AnthropicMessageMapper.Mapped mapped = messages.map(body.get("messages"), json.instruction());

        ObjectNode out = JsonFields.object();
        out.put("model", upstreamModel);
        out.put("max_tokens", maxOutputTokens != null ? maxOutputTokens.intValue() : DEFAULT_MAX_TOKENS);
        if (mapped.system() != null) {
            out.set("system", mapped.system());
        }
        out.set("messages", mapped.messages());
        tools(body, json, out);
        stop(body.get("stop"), out);
        JsonNode temperature = body.get("temperature");
        if (temperature != null && temperature.isNumber()) {
            out.set("temperature", temperature.asDouble() > 1.0 ? DoubleNode.valueOf(1.0) : temperature.deepCopy());
        }
        copyNumber(body, "top_p", out);
        copyNumber(body, "top_k", out);
        String user = JsonFields.text(body, "user") != null ? JsonFields.text(body, "user") : JsonFields.text(body, "safety_identifier");
        if (user != null) {
            out.putObject("metadata").put("user_id", user);
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    private void rejectUnmappable(JsonNode body) {
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && n.asInt() != 1) {
            throw ClientErrors.unsupported("n=" + n.asText(), provider);
        }
        String field = OpenAiOnlyFields.firstUnmappable(body);
        if (field != null) {
            throw ClientErrors.unsupported(field, provider);
        }
    }

    private void tools(JsonNode body, JsonOutput json, ObjectNode out) {
        JsonNode tools = body.get("tools");
        ArrayNode mapped = JsonFields.F.arrayNode();
        Set<String> names = new HashSet<>();
        if (tools != null && tools.isArray()) {
            for (int i = 0; i < tools.size(); i++) {
                ObjectNode t = tool(tools.get(i), "tools[" + i + "]");
                names.add(t.get("name").asText());
                mapped.add(t);
            }
        }
        boolean callerTools = !mapped.isEmpty();
        if (json.forcesTool()) {
            if (names.contains(json.toolName())) {
                throw ClientErrors.badRequest("response_format.json_schema.name '" + json.toolName()
                        + "' collides with a tool of the same name");
            }
            mapped.add(jsonTool(body.path("response_format").path("json_schema"), json.toolName()));
        }
        if (mapped.isEmpty()) {
            return; // tool_choice and parallel_tool_calls mean nothing without tools
        }
        out.set("tools", mapped);
        ObjectNode choice;
        if (json.forcesTool()) {
            // alone: force the JSON tool; with the caller's tools: force some tool, the JSON one or a real one
            choice = callerTools ? JsonFields.object().put("type", "any")
                    : JsonFields.object().put("type", "tool").put("name", json.toolName());
        } else {
            choice = toolChoice(body.get("tool_choice"));
        }
        JsonNode parallel = body.get("parallel_tool_calls");
        if (parallel != null && parallel.isBoolean() && !parallel.asBoolean()) {
            if (choice == null) {
                choice = JsonFields.object().put("type", "auto");
            }
            if (!"none".equals(JsonFields.text(choice, "type"))) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    private ObjectNode tool(JsonNode tool, String where) {
        String type = JsonFields.text(tool, "type");
        if (!"function".equals(type)) {
            throw ClientErrors.unsupported(where + ".type=" + type, provider);
        }
        JsonNode fn = tool.get("function");
        String name = JsonFields.text(fn, "name");
        if (name == null) {
            throw ClientErrors.badRequest(where + ".function.name is missing");
        }
        ObjectNode t = JsonFields.object().put("name", name);
        String description = JsonFields.text(fn, "description");
        if (description != null) {
            t.put("description", description);
        }
        JsonNode params = fn.get("parameters");
        t.set("input_schema", params != null && params.isObject() ? params.deepCopy()
                : JsonFields.object().put("type", "object").set("properties", JsonFields.object()));
        return t;
    }

    private ObjectNode jsonTool(JsonNode jsonSchema, String name) {
        JsonNode schema = jsonSchema.get("schema");
        if (schema == null || !schema.isObject() || !"object".equals(JsonFields.text(schema, "type"))) {
            throw ClientErrors.badRequest("response_format.json_schema.schema must be a JSON schema of type object"
                    + " for the " + provider + " provider");
        }
        String purpose = JsonFields.text(jsonSchema, "description");
        String description = "Give your final answer by calling this tool; its input is the JSON answer."
                + (purpose == null ? "" : " " + purpose);
        ObjectNode t = JsonFields.object().put("name", name).put("description", description);
        t.set("input_schema", schema.deepCopy());
        return t;
    }

    private ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> JsonFields.object().put("type", "auto");
                case "none" -> JsonFields.object().put("type", "none");
                case "required" -> JsonFields.object().put("type", "any");
                default -> throw ClientErrors.badRequest("tool_choice=" + choice.asText() + " is not valid");
            };
        }
        String name = JsonFields.text(choice.get("function"), "name");
        if (!"function".equals(JsonFields.text(choice, "type")) || name == null) {
            throw ClientErrors.unsupported("tool_choice " + choice, provider);
        }
        return JsonFields.object().put("type", "tool").put("name", name);
    }

    private static void stop(JsonNode stop, ObjectNode out) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode seqs = JsonFields.F.arrayNode();
        if (stop.isTextual()) {
            seqs.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(s -> seqs.add(s.asText()));
        }
        if (!seqs.isEmpty()) {
            out.set("stop_sequences", seqs);
        }
    }

    private static void copyNumber(JsonNode body, String field, ObjectNode out) {
        JsonNode v = body.get(field);
        if (v != null && v.isNumber()) {
            out.set(field, v.deepCopy());
        }
    }
}
