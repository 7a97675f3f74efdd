package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.RequestTraits;
import dev.freeport.dialect.DroppedFields;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.freeport.dialect.anthropic.Checks.absent;
import static dev.freeport.dialect.anthropic.Checks.invalid;
import static dev.freeport.dialect.anthropic.Checks.object;
import static dev.freeport.dialect.anthropic.Checks.requiredString;
import static dev.freeport.dialect.anthropic.Checks.wrongType;

/**
 * Reads and validates an Anthropic Messages request ({@code POST /v1/messages}, {@code .../count_tokens}) and
 * translates it to the canonical OpenAI chat request. Every failure is a 400 {@code INVALID_REQUEST} whose message
 * names the field path and why. Pure. docs/AGENTS.md lists every field and what each back end gets.
 *
 * <p>The caller's body is kept as {@code original}: an Anthropic back end gets it as sent (cache_control,
 * context_management, betas and all). The translation is for every other back end:
 * <ul>
 *   <li>{@code max_tokens} → {@code max_tokens} (required, except for count_tokens); {@code temperature} (0..1)
 *       and {@code top_p} pass; {@code top_k} passes as {@code top_k}, which vLLM, SGLang, Together and other
 *       open-model hosts accept but OpenAI itself rejects as an unrecognised argument (its 400 reaches the
 *       caller); {@code metadata.user_id} → {@code user} (a JSON-encoded id, as Claude Code sends, becomes its
 *       account, device or session id); other metadata is dropped.</li>
 *   <li>{@code stop_sequences} → {@code stop}, all of them: OpenAI itself allows 4 and answers 400 beyond that,
 *       open-model hosts allow more; Freeport does not guess which host is behind an alias.</li>
 *   <li>{@code stream} → {@code stream} with {@code stream_options.include_usage} (the Anthropic stream needs the
 *       usage at its end).</li>
 *   <li>{@code tools} (custom tools) → function tools, input_schema → parameters ({@code strict},
 *       {@code cache_control} dropped). A tool with {@code defer_loading: true} is offered only once a
 *       {@code tool_reference} in the conversation loaded it, or when tool_choice names it (Claude Code's
 *       DeferredToolPlaceholder never is). Anthropic-defined and server tools (web_search, web_fetch, code
 *       execution, bash, text_editor, computer, memory, tool search, ...) are native-only: served by Anthropic back
 *       ends, refused with a 400 naming the tool when the alias has no other. {@code tool_choice}: auto → "auto",
 *       any → "required", tool → the named function, none → "none"; {@code disable_parallel_tool_use:true} →
 *       {@code parallel_tool_calls:false}.</li>
 *   <li>{@code thinking}, {@code output_config} and {@code output_format} → {@code reasoning_effort} and
 *       {@code response_format}: see {@link Reasoning}.</li>
 *   <li>Dropped for translated back ends: {@code context_management} (server-side context editing),
 *       {@code service_tier}, {@code cache_control} anywhere. Native-only: {@code container} and non-empty
 *       {@code mcp_servers} (the answer needs Anthropic's servers).</li>
 *   <li>An unknown top-level field is dropped (Anthropic back ends still get it), logged once and counted in
 *       {@link DroppedFields}: agents add fields faster than gateways learn them.</li>
 * </ul>
 */
public final class MessagesDecoder {
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "stop_sequences",
            "stream", "temperature", "top_p", "top_k", "metadata", "tools", "tool_choice", "thinking",
            "service_tier", "container", "mcp_servers", "context_management", "output_format", "output_config");
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
        Found found = new Found();
        dropUnknown(root);
        nativeOnly(root, found);
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
        MessageTranslator.messages(root.get("messages"), messages, found);
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
        tools(root, out, found);
        String user = metadataUser(root.get("metadata"));
        if (user != null) {
            out.put("user", user);
        }
        Reasoning.Settings settings = Reasoning.read(root, found, maxTokens);
        if (settings.responseFormat() != null) {
            out.set("response_format", settings.responseFormat());
        }
        JsonNode context = root.get("context_management");
        if (!absent(context)) {
            object(context, "context_management");
        }
        serviceTier(root);
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        // the effort is a preference, not a need: read the traits before it is added
        RequestTraits traits = RequestTraits.of(out).withNativeOnly(found.nativeOnly());
        if (settings.reasoningEffort() != null) {
            out.put("reasoning_effort", settings.reasoningEffort());
        }
        ChatRequest chat = new ChatRequest(model, stream, stream, maxTokens, user, out, null, traits);
        return new MessagesRequest(chat, root, stream);
    }

    /** Unknown top-level fields: dropped from the translation (the original keeps them), counted. */
    private static void dropUnknown(ObjectNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                DroppedFields.dropped("anthropic", name);
            }
        }
    }

    /** {@code container} and a non-empty {@code mcp_servers} need Anthropic's own servers. */
    private static void nativeOnly(ObjectNode root, Found found) {
        JsonNode container = root.get("container");
        if (!absent(container)) {
            found.nativeOnly("container", "a code-execution container (Anthropic's servers run it)");
        }
        JsonNode mcp = root.get("mcp_servers");
        if (!absent(mcp)) {
            if (!mcp.isArray()) {
                throw wrongType("mcp_servers", "a valid list", mcp);
            }
            if (!mcp.isEmpty()) {
                found.nativeOnly("mcp_servers", "MCP servers that Anthropic's API connects to");
            }
        }
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

    private static void tools(ObjectNode root, ObjectNode out, Found found) {
        JsonNode tools = root.get("tools");
        ArrayNode mapped = Json.NODES.arrayNode();
        Map<String, ObjectNode> deferred = new HashMap<>();
        Set<String> names = new HashSet<>();
        Set<String> serverTools = new HashSet<>();
        if (!absent(tools)) {
            if (!tools.isArray()) {
                throw wrongType("tools", "a valid list", tools);
            }
            for (int i = 0; i < tools.size(); i++) {
                String p = "tools." + i;
                JsonNode t = object(tools.get(i), p);
                String type = Checks.optString(t, "type", p + ".type");
                if (type != null && !type.equals("custom")) {
                    String name = Checks.optString(t, "name", p + ".name");
                    serverTools.add(name);
                    found.nativeOnly(p, "the Anthropic tool '" + type + "'" + (name == null ? "" : " (" + name + ")")
                            + ", which Anthropic's servers run");
                    continue;
                }
                String name = requiredString(t, "name", p + ".name");
                if (!TOOL_NAME.matcher(name).matches()) {
                    throw invalid(p + ".name", "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
                }
                if (!names.add(name)) {
                    throw invalid("tools", "Tool names must be unique; '" + name + "' appears twice");
                }
                ObjectNode schema = object(t.get("input_schema"), p + ".input_schema");
                ObjectNode fn = Json.NODES.objectNode().put("type", "function");
                ObjectNode f = fn.putObject("function").put("name", name);
                String description = Checks.optString(t, "description", p + ".description");
                if (description != null) {
                    f.put("description", description);
                }
                f.set("parameters", schema.deepCopy());
                boolean defer = Boolean.TRUE.equals(Checks.optBoolean(t, "defer_loading", p + ".defer_loading"));
                if (defer && !found.referencedTools.contains(name)) {
                    deferred.put(name, fn);   // not loaded yet: only tool_choice can bring it in
                } else {
                    mapped.add(fn);
                }
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
                if (serverTools.contains(name)) {
                    yield null;   // a server tool: native-only already, nothing to choose among the functions
                }
                if (!names.contains(name)) {
                    throw invalid("tool_choice.name", "No tool named '" + name + "' in 'tools'");
                }
                if (deferred.containsKey(name)) {
                    mapped.add(deferred.remove(name));
                }
                ObjectNode named = Json.NODES.objectNode().put("type", "function");
                named.putObject("function").put("name", name);
                yield named;
            }
            default -> throw invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none', got '"
                    + type + "'");
        };
        if (mapped.isEmpty()) {
            if ((type.equals("any") || type.equals("tool")) && names.isEmpty() && serverTools.isEmpty()) {
                throw invalid("tool_choice", "tool_choice of type '" + type + "' needs 'tools'");
            }
            return; // auto/none without tools mean nothing to an OpenAI host, which would refuse them
        }
        out.set("tools", mapped);
        if (openAi == null) {
            return;
        }
        out.set("tool_choice", openAi);
        if (Boolean.TRUE.equals(noParallel) && !type.equals("none")) {
            out.put("parallel_tool_calls", false);
        }
    }

    /**
     * {@code metadata.user_id}; when it is itself a JSON object (Claude Code sends
     * {@code {"device_id","account_uuid","session_id"}} as a string), the first non-empty of its account, device and
     * session ids, so that OpenAI's {@code user} gets an id, not a document.
     */
    private static String metadataUser(JsonNode metadata) {
        if (absent(metadata)) {
            return null;
        }
        ObjectNode md = object(metadata, "metadata");
        String id = Checks.optString(md, "user_id", "metadata.user_id");
        if (id == null || !id.startsWith("{")) {
            return id;
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(id);
            for (String key : List.of("account_uuid", "device_id", "session_id")) {
                String v = parsed.path(key).asText("");
                if (!v.isBlank()) {
                    return v;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON after all: the string is the id
        }
        return id;
    }

    private static void serviceTier(ObjectNode root) {
        String tier = Checks.optString(root, "service_tier", "service_tier");
        if (tier != null && !tier.equals("auto") && !tier.equals("standard_only")) {
            throw invalid("service_tier", "Input should be 'auto' or 'standard_only', got '" + tier + "'");
        }
    }
}
