package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.freeport.dialect.anthropic.Checks.absent;
import static dev.freeport.dialect.anthropic.Checks.invalid;
import static dev.freeport.dialect.anthropic.Checks.object;
import static dev.freeport.dialect.anthropic.Checks.requiredString;
import static dev.freeport.dialect.anthropic.Checks.unsupported;
import static dev.freeport.dialect.anthropic.Checks.wrongType;

/**
 * Reads and validates an Anthropic Messages request ({@code POST /v1/messages}, {@code .../count_tokens}) and
 * translates it to the canonical OpenAI chat request. Every failure is a 400 {@code INVALID_REQUEST} whose message
 * names the field path and why; unknown top-level fields are refused as Anthropic does ("Extra inputs are not
 * permitted"). Pure.
 *
 * <p>Parameter decisions (messages: see {@link MessageTranslator}):
 * <ul>
 *   <li>{@code max_tokens} → {@code max_tokens} (required, except for count_tokens); {@code temperature} (0..1)
 *       and {@code top_p} pass; {@code top_k} passes as {@code top_k}, which vLLM, SGLang, Together and other
 *       open-model hosts accept but OpenAI itself rejects as an unrecognised argument (its 400 reaches the
 *       caller); {@code metadata.user_id} → {@code user}.</li>
 *   <li>{@code stop_sequences} → {@code stop}, all of them: OpenAI itself allows 4 and answers 400 beyond that,
 *       open-model hosts allow more; Freeport does not guess which host is behind an alias.</li>
 *   <li>{@code stream} → {@code stream} with {@code stream_options.include_usage} (the Anthropic stream needs the
 *       usage at its end).</li>
 *   <li>{@code tools} (custom tools only) → function tools, input_schema → parameters ({@code strict} and
 *       {@code cache_control} dropped); Anthropic-defined and server tools (web_search, bash, text_editor,
 *       computer, ...) are refused. {@code tool_choice}: auto → "auto", any → "required", tool → the named
 *       function, none → "none"; {@code disable_parallel_tool_use:true} → {@code parallel_tool_calls:false}.</li>
 *   <li>{@code thinking} is validated and kept only in {@code original} (see {@link MessagesRequest#thinkingBudget}):
 *       OpenAI-compatible hosts have no common field for a thinking budget, and OpenAI rejects unknown ones.</li>
 *   <li>{@code service_tier} is accepted and dropped. {@code container}, {@code mcp_servers},
 *       {@code context_management}, {@code output_format} are refused as unsupported.</li>
 * </ul>
 */
public final class MessagesDecoder {
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "stop_sequences",
            "stream", "temperature", "top_p", "top_k", "metadata", "tools", "tool_choice", "thinking",
            "service_tier", "container", "mcp_servers", "context_management", "output_format");
    private static final Set<String> UNSUPPORTED = Set.of("container", "mcp_servers", "context_management",
            "output_format");
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

    private MessagesDecoder() {
    }

    /** A {@code POST /v1/messages} body. */
    public static MessagesRequest decode(Buffer body) {
        return decode(body, true);
    }

    /** A {@code POST /v1/messages/count_tokens} body: as {@link #decode} but max_tokens is optional. */
    public static MessagesRequest decodeForCount(Buffer body) {
        return decode(body, false);
    }

    private static MessagesRequest decode(Buffer body, boolean needsMaxTokens) {
        ObjectNode root = Json.parseObject(body);
        Checks.onlyFields(root, "", FIELDS);
        for (String field : UNSUPPORTED) {
            if (!absent(root.get(field))) {
                throw unsupported(field, "'" + field + "'");
            }
        }
        String model = requiredString(root, "model", "model");
        if (model.isBlank()) {
            throw invalid("model", "String should have at least 1 character");
        }
        Integer maxTokens = Checks.optInt(root, "max_tokens", "max_tokens", 1);
        if (maxTokens == null && needsMaxTokens) {
            throw invalid("max_tokens", "Field required");
        }
        boolean stream = Boolean.TRUE.equals(Checks.optBoolean(root, "stream", "stream"));

        ObjectNode out = Json.NODES.objectNode();
        out.put("model", model);
        ArrayNode messages = out.putArray("messages");
        String system = MessageTranslator.system(root.get("system"));
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        MessageTranslator.messages(root.get("messages"), messages);
        if (maxTokens != null) {
            out.put("max_tokens", maxTokens.intValue());
        }
        copy(out, "temperature", Checks.optNumber(root, "temperature", "temperature", 0, 1));
        copy(out, "top_p", Checks.optNumber(root, "top_p", "top_p", 0, 1));
        Integer topK = Checks.optInt(root, "top_k", "top_k", 0);
        if (topK != null) {
            out.put("top_k", topK.intValue());
        }
        stop(root.get("stop_sequences"), out);
        tools(root, out);
        String user = metadataUser(root.get("metadata"));
        if (user != null) {
            out.put("user", user);
        }
        thinking(root.get("thinking"), maxTokens);
        serviceTier(root);
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        ChatRequest chat = new ChatRequest(model, stream, stream, maxTokens, user, out);
        return new MessagesRequest(chat, root, stream);
    }

    private static void copy(ObjectNode out, String field, JsonNode value) {
        if (value != null) {
            out.set(field, value.deepCopy());
        }
    }

    private static void stop(JsonNode stop, ObjectNode out) {
        if (absent(stop)) {
            return;
        }
        if (!stop.isArray()) {
            throw wrongType("stop_sequences", "a valid list", stop);
        }
        ArrayNode seqs = Json.NODES.arrayNode();
        for (int i = 0; i < stop.size(); i++) {
            JsonNode s = stop.get(i);
            if (!s.isTextual()) {
                throw wrongType("stop_sequences." + i, "a valid string", s);
            }
            if (s.textValue().isEmpty()) {
                throw invalid("stop_sequences." + i, "String should have at least 1 character");
            }
            seqs.add(s.textValue());
        }
        if (!seqs.isEmpty()) {
            out.set("stop", seqs);
        }
    }

    private static void tools(ObjectNode root, ObjectNode out) {
        JsonNode tools = root.get("tools");
        ArrayNode mapped = Json.NODES.arrayNode();
        Set<String> names = new HashSet<>();
        if (!absent(tools)) {
            if (!tools.isArray()) {
                throw wrongType("tools", "a valid list", tools);
            }
            for (int i = 0; i < tools.size(); i++) {
                String p = "tools." + i;
                JsonNode t = object(tools.get(i), p);
                String type = Checks.optString(t, "type", p + ".type");
                if (type != null && !type.equals("custom")) {
                    throw unsupported(p + ".type", "The Anthropic-defined tool '" + type + "'");
                }
                String name = requiredString(t, "name", p + ".name");
                if (!TOOL_NAME.matcher(name).matches()) {
                    throw invalid(p + ".name", "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
                }
                if (!names.add(name)) {
                    throw invalid("tools", "Tool names must be unique; '" + name + "' appears twice");
                }
                ObjectNode schema = object(t.get("input_schema"), p + ".input_schema");
                ObjectNode fn = mapped.addObject().put("type", "function").putObject("function");
                fn.put("name", name);
                String description = Checks.optString(t, "description", p + ".description");
                if (description != null) {
                    fn.put("description", description);
                }
                fn.set("parameters", schema.deepCopy());
            }
        }
        JsonNode choice = root.get("tool_choice");
        if (absent(choice)) {
            if (!mapped.isEmpty()) {
                out.set("tools", mapped);
            }
            return;
        }
        ObjectNode c = object(choice, "tool_choice");
        String type = requiredString(c, "type", "tool_choice.type");
        Boolean noParallel = Checks.optBoolean(c, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
        JsonNode openAi = switch (type) {
            case "auto" -> Json.NODES.textNode("auto");
            case "any" -> Json.NODES.textNode("required");
            case "none" -> Json.NODES.textNode("none");
            case "tool" -> {
                String name = requiredString(c, "name", "tool_choice.name");
                if (!names.contains(name)) {
                    throw invalid("tool_choice.name", "No tool named '" + name + "' in 'tools'");
                }
                ObjectNode named = Json.NODES.objectNode().put("type", "function");
                named.putObject("function").put("name", name);
                yield named;
            }
            default -> throw invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none', got '"
                    + type + "'");
        };
        if (mapped.isEmpty()) {
            if (type.equals("any") || type.equals("tool")) {
                throw invalid("tool_choice", "tool_choice of type '" + type + "' needs 'tools'");
            }
            return; // auto/none without tools mean nothing to an OpenAI host, which would refuse them
        }
        out.set("tools", mapped);
        out.set("tool_choice", openAi);
        if (Boolean.TRUE.equals(noParallel) && !type.equals("none")) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static String metadataUser(JsonNode metadata) {
        if (absent(metadata)) {
            return null;
        }
        ObjectNode md = object(metadata, "metadata");
        Checks.onlyFields(md, "metadata", Set.of("user_id"));
        return Checks.optString(md, "user_id", "metadata.user_id");
    }

    private static void thinking(JsonNode thinking, Integer maxTokens) {
        if (absent(thinking)) {
            return;
        }
        ObjectNode t = object(thinking, "thinking");
        String type = requiredString(t, "type", "thinking.type");
        switch (type) {
            case "enabled" -> {
                Integer budget = Checks.optInt(t, "budget_tokens", "thinking.budget_tokens", 1024);
                if (budget == null) {
                    throw invalid("thinking.budget_tokens", "Field required");
                }
                if (maxTokens != null && budget >= maxTokens) {
                    throw invalid("thinking.budget_tokens", "must be less than max_tokens (" + budget + " >= "
                            + maxTokens + ")");
                }
            }
            case "disabled", "adaptive" -> {
            }
            default -> throw invalid("thinking.type", "Input should be 'enabled' or 'disabled', got '" + type + "'");
        }
    }

    private static void serviceTier(ObjectNode root) {
        String tier = Checks.optString(root, "service_tier", "service_tier");
        if (tier != null && !tier.equals("auto") && !tier.equals("standard_only")) {
            throw invalid("service_tier", "Input should be 'auto' or 'standard_only', got '" + tier + "'");
        }
    }
}
