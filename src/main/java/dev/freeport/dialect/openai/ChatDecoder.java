package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.json.Json;
import dev.freeport.json.JsonBytes;
import dev.freeport.json.JsonMembers;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.freeport.dialect.openai.Fields.invalid;
import static dev.freeport.dialect.openai.Fields.wrongType;

/**
 * Reads and validates OpenAI-format request bodies. Every rule fails with a 400 that names the field and says
 * why, in OpenAI's wording where OpenAI has one. Unknown fields are kept: they pass through to OpenAI-compatible
 * upstreams untouched.
 */
public final class ChatDecoder {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio", "file", "refusal");
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private ChatDecoder() {
    }

    /**
     * The request, read by one streaming pass without a tree ({@link ChatScan}) when that pass is sure of it, else
     * from the tree, which also says what is wrong with a body that breaks a rule.
     */
    public static ChatRequest decodeChat(Buffer body) {
        JsonBytes bytes = JsonBytes.of(body);
        ChatRequest scanned = ChatScan.read(bytes);
        return scanned != null ? scanned : decodeTree(bytes);
    }

    /** The request read from its tree: every rule checked in order, the first broken one refused with a 400. */
    static ChatRequest decodeTree(JsonBytes bytes) {
        ObjectNode root = Json.parseObject(bytes);
        String model = requireModel(root);
        validateMessages(root.get("messages"));
        boolean stream = Fields.optBoolean(root, "stream", "stream", false);
        boolean includeUsage = false;
        JsonNode so = root.get("stream_options");
        if (so != null && !so.isNull()) {
            if (!so.isObject()) {
                throw wrongType("stream_options", "an object", so);
            }
            includeUsage = Fields.optBoolean(so, "include_usage", "stream_options.include_usage", false);
        }
        Integer maxCompletion = Fields.optInt(root, "max_completion_tokens", "max_completion_tokens", 1,
                Integer.MAX_VALUE);
        Integer maxTokens = Fields.optInt(root, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        Fields.optNumber(root, "temperature", 0, 2);
        Fields.optNumber(root, "top_p", 0, 1);
        Fields.optNumber(root, "frequency_penalty", -2, 2);
        Fields.optNumber(root, "presence_penalty", -2, 2);
        Fields.optInt(root, "n", "n", 1, 128);
        Fields.optInt(root, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        validateStop(root.get("stop"));
        Set<String> toolNames = validateTools(root.get("tools"));
        validateToolChoice(root.get("tool_choice"), toolNames, root.get("tools"));
        validateResponseFormat(root.get("response_format"));
        String user = Fields.optString(root, "user", "user");
        validateMetadata(root.get("metadata"));
        return new ChatRequest(model, stream, stream && includeUsage,
                maxCompletion != null ? maxCompletion : maxTokens, user, root, null, null, null,
                JsonMembers.scan(bytes));
    }

    public static EmbeddingsRequest decodeEmbeddings(Buffer body) {
        ObjectNode root = Json.parseObject(body);
        String model = requireModel(root);
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw invalid("input", "Missing required parameter: 'input'.");
        }
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.textValue());
        } else if (input.isArray()) {
            if (input.isEmpty()) {
                throw invalid("input", "Invalid 'input': empty array. Expected a string or a non-empty array.");
            }
            if (input.size() > 2048) {
                throw invalid("input", "Invalid 'input': at most 2048 inputs per request, got " + input.size() + ".");
            }
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                if (item.isTextual()) {
                    texts.add(item.textValue());
                } else if (item.isArray() || item.isIntegralNumber()) {
                    texts.add(null); // token arrays: passed through, counted from the upstream's usage
                } else {
                    throw wrongType("input[" + i + "]", "a string or an array of token ids", item);
                }
            }
        } else {
            throw wrongType("input", "a string or an array", input);
        }
        String format = Fields.optString(root, "encoding_format", "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw invalid("encoding_format", "Invalid 'encoding_format': '" + format
                    + "'. Expected 'float' or 'base64'.");
        }
        Fields.optInt(root, "dimensions", "dimensions", 1, 65536);
        return new EmbeddingsRequest(model, texts, Fields.optString(root, "user", "user"), root);
    }

    private static String requireModel(ObjectNode root) {
        JsonNode m = root.get("model");
        if (m == null || m.isNull()) {
            throw invalid("model", "Missing required parameter: 'model'.");
        }
        if (!m.isTextual()) {
            throw wrongType("model", "a string", m);
        }
        if (m.textValue().isBlank()) {
            throw invalid("model", "Invalid 'model': must not be empty.");
        }
        return m.textValue();
    }

    private static void validateMessages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw invalid("messages", "Missing required parameter: 'messages'.");
        }
        if (!messages.isArray()) {
            throw wrongType("messages", "an array", messages);
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "Invalid 'messages': empty array. Expected an array with minimum length 1.");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw wrongType(message(i), "an object", m);
            }
            JsonNode role = m.get("role");
            if (role == null || role.isNull()) {
                throw invalid(message(i) + ".role", "Missing required parameter: '" + message(i) + ".role'.");
            }
            if (!role.isTextual() || !ROLES.contains(role.textValue())) {
                throw invalid(message(i) + ".role", "Invalid value: '" + role.asText() + "'. Supported values are: "
                        + "'system', 'developer', 'user', 'assistant', 'tool' and 'function'.");
            }
            String r = role.textValue();
            JsonNode content = m.get("content");
            boolean hasToolCalls = m.hasNonNull("tool_calls") || m.hasNonNull("function_call");
            if (content == null || content.isNull()) {
                if (!r.equals("assistant") || !hasToolCalls && !m.hasNonNull("refusal") && !m.has("audio")) {
                    throw invalid(message(i) + ".content", "Missing required parameter: '" + message(i)
                            + ".content'.");
                }
            } else if (content.isArray()) {
                validateParts(content, i);
            } else if (!content.isTextual()) {
                throw wrongType(message(i) + ".content", "a string or an array of content parts", content);
            }
            if (r.equals("tool")) {
                String id = Fields.optString(m, "tool_call_id", message(i) + ".tool_call_id");
                if (id == null) {
                    throw invalid(message(i) + ".tool_call_id", "Missing required parameter: '" + message(i)
                            + ".tool_call_id'.");
                }
            }
            JsonNode toolCalls = m.get("tool_calls");
            if (toolCalls != null && !toolCalls.isNull()) {
                validateToolCalls(toolCalls, message(i) + ".tool_calls");
            }
        }
    }

    /** The name of message {@code i} in an error (built only for one). */
    private static String message(int i) {
        return "messages[" + i + "]";
    }

    /** The name of part {@code j} of message {@code i}'s content in an error (built only for one). */
    private static String part(int i, int j) {
        return message(i) + ".content[" + j + "]";
    }

    private static void validateParts(JsonNode parts, int i) {
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            if (!part.isObject()) {
                throw wrongType(part(i, j), "an object", part);
            }
            JsonNode typeNode = part.get("type");
            String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue()
                    : Fields.optString(part, "type", part(i, j) + ".type");
            if (type == null) {
                throw invalid(part(i, j) + ".type", "Missing required parameter: '" + part(i, j) + ".type'.");
            }
            if (!PART_TYPES.contains(type)) {
                throw invalid(part(i, j) + ".type", "Invalid value: '" + type + "'. Supported values are: 'text', "
                        + "'image_url', 'input_audio', 'file' and 'refusal'.");
            }
            if (type.equals("text") && !(part.get("text") != null && part.get("text").isTextual())) {
                throw invalid(part(i, j) + ".text", "Missing required parameter: '" + part(i, j)
                        + ".text' (a string).");
            }
            if (type.equals("image_url")) {
                JsonNode iu = part.get("image_url");
                if (iu == null || !iu.isObject() || !iu.path("url").isTextual()) {
                    throw invalid(part(i, j) + ".image_url.url", "Missing required parameter: '" + part(i, j)
                            + ".image_url.url' (a string: an https URL or a data: URL).");
                }
            }
        }
    }

    private static void validateToolCalls(JsonNode calls, String p) {
        if (!calls.isArray()) {
            throw wrongType(p, "an array", calls);
        }
        for (int j = 0; j < calls.size(); j++) {
            String pp = p + "[" + j + "]";
            JsonNode c = calls.get(j);
            if (!c.isObject() || !c.path("id").isTextual()) {
                throw invalid(pp + ".id", "Missing required parameter: '" + pp + ".id'.");
            }
            JsonNode fn = c.get("function");
            if (fn == null || !fn.isObject() || !fn.path("name").isTextual()) {
                throw invalid(pp + ".function.name", "Missing required parameter: '" + pp + ".function.name'.");
            }
            if (!fn.path("arguments").isTextual()) {
                throw invalid(pp + ".function.arguments", "Missing required parameter: '" + pp
                        + ".function.arguments' (a JSON string).");
            }
        }
    }

    private static void validateStop(JsonNode stop) {
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (!stop.isArray()) {
            throw wrongType("stop", "a string or an array of strings", stop);
        }
        if (stop.size() > 4) {
            throw invalid("stop", "Invalid 'stop': at most 4 stop sequences, got " + stop.size() + ".");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw wrongType("stop", "an array of strings", stop);
            }
        }
    }

    private static Set<String> validateTools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (tools == null || tools.isNull()) {
            return names;
        }
        if (!tools.isArray()) {
            throw wrongType("tools", "an array", tools);
        }
        for (int i = 0; i < tools.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode t = tools.get(i);
            if (!t.isObject()) {
                throw wrongType(p, "an object", t);
            }
            String type = Fields.optString(t, "type", p + ".type");
            if ("builtin_function".equals(type) && builtin(t.get("function"))) {
                continue; // Moonshot's built-in tools ($web_search): the upstream runs them; not callable by name
            }
            if (!"function".equals(type) && !"custom".equals(type)) {
                throw invalid(p + ".type", "Invalid value: '" + type + "'. Supported values are: 'function' and "
                        + "'custom'.");
            }
            JsonNode fn = "function".equals(type) ? t.get("function") : t.get("custom");
            if (fn == null || !fn.isObject()) {
                throw invalid(p + "." + type, "Missing required parameter: '" + p + "." + type + "'.");
            }
            String name = Fields.optString(fn, "name", p + "." + type + ".name");
            if (name == null || !TOOL_NAME.matcher(name).matches()) {
                throw invalid(p + "." + type + ".name", "Invalid '" + p + "." + type + ".name': '" + name
                        + "'. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.");
            }
            JsonNode params = fn.get("parameters");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw wrongType(p + ".function.parameters", "an object (a JSON schema)", params);
            }
            names.add(name);
        }
        return names;
    }

    /** A Moonshot built-in tool: {@code {"name": "$web_search"}}, a '$' and a tool name. */
    private static boolean builtin(JsonNode fn) {
        JsonNode name = fn == null ? null : fn.get("name");
        return name != null && name.isTextual() && name.textValue().startsWith("$")
                && TOOL_NAME.matcher(name.textValue().substring(1)).matches();
    }

    /**
     * {@code toolNames}: the callable tools' names; {@code tools}: the list as sent, whose built-in tools (Moonshot's
     * {@code $web_search}) make "required" valid too (Moonshot takes it; the model must then call one of them).
     */
    private static void validateToolChoice(JsonNode choice, Set<String> toolNames, JsonNode tools) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            String c = choice.textValue();
            if (!c.equals("none") && !c.equals("auto") && !c.equals("required")) {
                throw invalid("tool_choice", "Invalid value: '" + c + "'. Supported values are: 'none', 'auto' and "
                        + "'required'.");
            }
            if (c.equals("required") && toolNames.isEmpty() && (tools == null || tools.isEmpty())) {
                throw invalid("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when "
                        + "'tools' are specified.");
            }
            return;
        }
        if (!choice.isObject()) {
            throw wrongType("tool_choice", "a string or an object", choice);
        }
        if ("function".equals(choice.path("type").asText())) {
            String name = choice.path("function").path("name").asText(null);
            if (name == null) {
                throw invalid("tool_choice.function.name", "Missing required parameter: 'tool_choice.function.name'.");
            }
            if (!toolNames.contains(name)) {
                throw invalid("tool_choice.function.name", "Invalid 'tool_choice': no tool named '" + name
                        + "' in 'tools'.");
            }
        }
    }

    private static void validateResponseFormat(JsonNode rf) {
        if (rf == null || rf.isNull()) {
            return;
        }
        if (!rf.isObject()) {
            throw wrongType("response_format", "an object", rf);
        }
        String type = Fields.optString(rf, "type", "response_format.type");
        if (type == null) {
            throw invalid("response_format.type", "Missing required parameter: 'response_format.type'.");
        }
        switch (type) {
            case "text", "json_object" -> {
            }
            case "json_schema" -> {
                JsonNode js = rf.get("json_schema");
                if (js == null || !js.isObject()) {
                    throw invalid("response_format.json_schema",
                            "Missing required parameter: 'response_format.json_schema'.");
                }
                if (!js.path("name").isTextual()) {
                    throw invalid("response_format.json_schema.name",
                            "Missing required parameter: 'response_format.json_schema.name'.");
                }
                JsonNode schema = js.get("schema");
                if (schema != null && !schema.isNull() && !schema.isObject()) {
                    throw wrongType("response_format.json_schema.schema", "an object", schema);
                }
            }
            default -> throw invalid("response_format.type", "Invalid value: '" + type
                    + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
        }
    }

    private static void validateMetadata(JsonNode md) {
        if (md == null || md.isNull()) {
            return;
        }
        if (!md.isObject()) {
            throw wrongType("metadata", "an object", md);
        }
        var it = md.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw wrongType("metadata." + e.getKey(), "a string", e.getValue());
            }
        }
    }
}
