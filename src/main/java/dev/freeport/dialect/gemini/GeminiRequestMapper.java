package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.openai.OpenAiOnlyFields;
import dev.freeport.json.JsonFields;

/**
 * OpenAI chat completion request body → Gemini {@code GenerateContentRequest}. Pure; the input is not modified.
 *
 * <p>Field decisions:
 * <ul>
 *   <li>Messages: see {@link GeminiContents}.</li>
 *   <li>{@code tools} → one {@code tools[{functionDeclarations}]}; each function's JSON schema goes, unchanged but
 *       for a top-level {@code $schema}, into {@code parametersJsonSchema} (full JSON Schema, so
 *       {@code additionalProperties}, {@code $ref} etc. need no stripping, unlike the OpenAPI-subset
 *       {@code parameters}); {@code function.strict} is dropped.</li>
 *   <li>{@code tool_choice}: auto → AUTO, none → NONE, required → ANY, a named function → ANY with
 *       {@code allowedFunctionNames:[name]}; {@code parallel_tool_calls} is dropped (Gemini has no switch).</li>
 *   <li>generationConfig: temperature, top_p → topP, top_k → topK, max_completion_tokens/max_tokens →
 *       maxOutputTokens, stop → stopSequences, seed, n → candidateCount, frequency_penalty/presence_penalty →
 *       frequencyPenalty/presencePenalty; response_format json_object → responseMimeType application/json,
 *       json_schema → the same plus {@code responseJsonSchema}.</li>
 *   <li>{@code reasoning_effort} → thinkingConfig.thinkingBudget: none → 0 (thinking off; 2.5 Pro refuses
 *       this), minimal/low → 1024, medium → 8192, high/xhigh → 24576 (Google's own OpenAI-compatibility mapping),
 *       with {@code includeThoughts:true} whenever the budget is above 0, so thoughts come back as
 *       {@code reasoning_content}. Without reasoning_effort no thinkingConfig is sent (model default; thoughts
 *       are then not returned), since non-thinking models reject one.</li>
 *   <li>Refused with 400 (the answer would silently differ): logprobs, top_logprobs, audio, non-text modalities,
 *       non-empty logit_bias, web_search_options, prediction, legacy functions/function_call, non-function tools.</li>
 *   <li>Dropped as hints Gemini has no place for: user, safety_identifier, metadata, store, service_tier,
 *       prompt_cache_key, verbosity, stream_options (Gemini always reports usage).</li>
 * </ul>
 */
public final class GeminiRequestMapper {

    private final String provider;
    private final GeminiContents contents;

    public GeminiRequestMapper(String provider) {
        this.provider = provider;
        this.contents = new GeminiContents(provider);
    }

    /**
     * @param body            the caller's OpenAI request body
     * @param maxOutputTokens the caller's output cap, or null
     * @throws dev.freeport.provider.UpstreamException CLIENT_ERROR 400 when the request cannot be mapped
     */
    public ObjectNode map(JsonNode body, Integer maxOutputTokens) {
        rejectUnmappable(body);
        GeminiContents.Mapped mapped = contents.map(body.get("messages"));
        ObjectNode out = JsonFields.object();
        out.set("contents", mapped.contents());
        if (mapped.systemInstruction() != null) {
            out.set("systemInstruction", mapped.systemInstruction());
        }
        tools(body, out);
        ObjectNode gen = generationConfig(body, maxOutputTokens);
        if (!gen.isEmpty()) {
            out.set("generationConfig", gen);
        }
        return out;
    }

    private void rejectUnmappable(JsonNode body) {
        String field = OpenAiOnlyFields.firstUnmappable(body, "prediction");
        if (field != null) {
            throw ClientErrors.unsupported(field, provider);
        }
    }

    private void tools(JsonNode body, ObjectNode out) {
        JsonNode tools = body.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return; // tool_choice means nothing without tools
        }
        ArrayNode declarations = JsonFields.F.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            declarations.add(declaration(tools.get(i), "tools[" + i + "]"));
        }
        out.putArray("tools").addObject().set("functionDeclarations", declarations);
        ObjectNode config = functionCallingConfig(body.get("tool_choice"));
        if (config != null) {
            out.putObject("toolConfig").set("functionCallingConfig", config);
        }
    }

    private ObjectNode declaration(JsonNode tool, String where) {
        String type = JsonFields.text(tool, "type");
        if (!"function".equals(type)) {
            throw ClientErrors.unsupported(where + ".type=" + type, provider);
        }
        JsonNode fn = tool.get("function");
        String name = JsonFields.text(fn, "name");
        if (name == null) {
            throw ClientErrors.badRequest(where + ".function.name is missing");
        }
        ObjectNode d = JsonFields.object().put("name", name);
        String description = JsonFields.text(fn, "description");
        if (description != null) {
            d.put("description", description);
        }
        JsonNode params = fn.get("parameters");
        if (params != null && params.isObject()) {
            ObjectNode schema = params.deepCopy();
            schema.remove("$schema");
            d.set("parametersJsonSchema", schema);
        }
        return d;
    }

    private ObjectNode functionCallingConfig(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> JsonFields.object().put("mode", "AUTO");
                case "none" -> JsonFields.object().put("mode", "NONE");
                case "required" -> JsonFields.object().put("mode", "ANY");
                default -> throw ClientErrors.badRequest("tool_choice=" + choice.asText() + " is not valid");
            };
        }
        String name = JsonFields.text(choice.get("function"), "name");
        if (!"function".equals(JsonFields.text(choice, "type")) || name == null) {
            throw ClientErrors.unsupported("tool_choice " + choice, provider);
        }
        ObjectNode c = JsonFields.object().put("mode", "ANY");
        c.putArray("allowedFunctionNames").add(name);
        return c;
    }

    private ObjectNode generationConfig(JsonNode body, Integer maxOutputTokens) {
        ObjectNode g = JsonFields.object();
        copyNumber(body, "temperature", g, "temperature");
        copyNumber(body, "top_p", g, "topP");
        copyNumber(body, "top_k", g, "topK");
        if (maxOutputTokens != null) {
            g.put("maxOutputTokens", maxOutputTokens.intValue());
        }
        JsonNode stop = body.get("stop");
        if (stop != null && stop.isTextual()) {
            g.putArray("stopSequences").add(stop.asText());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            ArrayNode seqs = g.putArray("stopSequences");
            stop.forEach(s -> seqs.add(s.asText()));
        }
        copyNumber(body, "seed", g, "seed");
        JsonNode n = body.get("n");
        if (n != null && n.isIntegralNumber() && n.asInt() != 1) {
            g.put("candidateCount", n.asInt());
        }
        copyNumber(body, "frequency_penalty", g, "frequencyPenalty");
        copyNumber(body, "presence_penalty", g, "presencePenalty");
        responseFormat(body.get("response_format"), g);
        thinking(body.get("reasoning_effort"), g);
        return g;
    }

    private void responseFormat(JsonNode format, ObjectNode g) {
        if (format == null || format.isNull()) {
            return;
        }
        String type = JsonFields.text(format, "type");
        switch (String.valueOf(type)) {
            case "text" -> {
                // the default
            }
            case "json_object" -> g.put("responseMimeType", "application/json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema == null || !schema.isObject()) {
                    throw ClientErrors.badRequest("response_format.json_schema.schema must be a JSON schema object");
                }
                ObjectNode s = schema.deepCopy();
                s.remove("$schema");
                g.put("responseMimeType", "application/json");
                g.set("responseJsonSchema", s);
            }
            default -> throw ClientErrors.unsupported("response_format.type=" + type, provider);
        }
    }

    private void thinking(JsonNode effort, ObjectNode g) {
        if (effort == null || effort.isNull()) {
            return;
        }
        int budget = switch (effort.asText()) {
            case "none" -> 0;
            case "minimal", "low" -> 1024;
            case "medium" -> 8192;
            case "high", "xhigh" -> 24576;
            default -> throw ClientErrors.badRequest("reasoning_effort=" + effort.asText() + " is not valid");
        };
        ObjectNode t = g.putObject("thinkingConfig");
        t.put("thinkingBudget", budget);
        if (budget > 0) {
            t.put("includeThoughts", true);
        }
    }

    private static void copyNumber(JsonNode body, String field, ObjectNode out, String as) {
        JsonNode v = body.get(field);
        if (v != null && v.isNumber()) {
            out.set(as, v.deepCopy());
        }
    }
}
