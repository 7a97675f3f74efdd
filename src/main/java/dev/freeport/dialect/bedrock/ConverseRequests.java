package dev.freeport.dialect.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;

import java.util.Locale;
import java.util.Set;

/**
 * An Anthropic Messages request body (as the caller sent it, or as {@code AnthropicRequestMapper} made it from an
 * OpenAI request) → a Bedrock Converse request body. Converse's content blocks are Anthropic's under other names,
 * so one mapping serves both fronts. Pure; the input is not modified.
 *
 * <ul>
 *   <li>system → {@code system[{text}]}; text, image (base64), document (base64 PDF), tool_use, tool_result
 *       (text, image, JSON content; {@code is_error} → status error) and thinking / redacted_thinking blocks map to
 *       their Converse twins; a {@code cache_control} on a system block, message block or tool → a
 *       {@code cachePoint} after it.</li>
 *   <li>max_tokens, temperature, top_p, stop_sequences → {@code inferenceConfig}; top_k and thinking →
 *       {@code additionalModelRequestFields} for Anthropic models (refused with 400 for the others, whose field
 *       names differ).</li>
 *   <li>tools → {@code toolConfig.tools[{toolSpec}]}; tool_choice auto/any/tool → auto/any/tool; none → no
 *       toolChoice, and no tools at all unless the history holds tool blocks (Converse then requires them).</li>
 *   <li>Refused with 400: image or document URLs (Converse takes bytes), server tools, other block types, and any
 *       other top-level field. Dropped: metadata, service_tier, stream, tool_choice.disable_parallel_tool_use.</li>
 * </ul>
 */
public final class ConverseRequests {
    private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "temperature",
            "top_p", "top_k", "stop_sequences", "tools", "tool_choice", "thinking", "metadata", "stream",
            "service_tier", "anthropic_version");
    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");

    private final String provider;

    public ConverseRequests(String provider) {
        this.provider = provider;
    }

    /** Whether Bedrock's model id names an Anthropic model ("anthropic.claude-…", "eu.anthropic.…", an ARN). */
    public static boolean anthropicModel(String modelId) {
        return modelId != null && modelId.toLowerCase(Locale.ROOT).contains("anthropic.");
    }

    public ObjectNode map(JsonNode messages, String modelId) {
        var names = messages.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!KNOWN.contains(f) && !messages.get(f).isNull()) {
                throw ClientErrors.unsupported("the field " + f, provider);
            }
        }
        ObjectNode out = JsonFields.object();
        out.set("messages", messages(messages.get("messages")));
        JsonNode system = messages.get("system");
        if (system != null && !system.isNull()) {
            ArrayNode s = blocks(system, "system");
            if (!s.isEmpty()) {
                out.set("system", s);
            }
        }
        ObjectNode inference = JsonFields.object();
        copy(messages, "max_tokens", inference, "maxTokens");
        copy(messages, "temperature", inference, "temperature");
        copy(messages, "top_p", inference, "topP");
        JsonNode stops = messages.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            inference.set("stopSequences", stops.deepCopy());
        }
        if (!inference.isEmpty()) {
            out.set("inferenceConfig", inference);
        }
        ObjectNode extra = JsonFields.object();
        for (String f : new String[]{"top_k", "thinking"}) {
            JsonNode v = messages.get(f);
            if (v != null && !v.isNull()) {
                if (!anthropicModel(modelId)) {
                    throw ClientErrors.unsupported(f + " for model " + modelId, provider);
                }
                extra.set(f, v.deepCopy());
            }
        }
        if (!extra.isEmpty()) {
            out.set("additionalModelRequestFields", extra);
        }
        tools(messages, out);
        return out;
    }

    private ArrayNode messages(JsonNode messages) {
        ArrayNode out = JsonFields.F.arrayNode();
        if (messages == null || !messages.isArray()) {
            throw ClientErrors.badRequest("messages must be an array");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = JsonFields.text(m, "role");
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw ClientErrors.badRequest("messages[" + i + "].role must be user or assistant");
            }
            ObjectNode msg = out.addObject().put("role", role);
            msg.set("content", blocks(m.get("content"), "messages[" + i + "].content"));
        }
        return out;
    }

    /** A string or an array of Anthropic blocks → Converse content blocks (with cache points). */
    private ArrayNode blocks(JsonNode content, String where) {
        ArrayNode out = JsonFields.F.arrayNode();
        if (content == null || content.isNull()) {
            return out;
        }
        if (content.isTextual()) {
            out.addObject().put("text", content.asText());
            return out;
        }
        if (!content.isArray()) {
            throw ClientErrors.badRequest(where + " must be a string or an array of blocks");
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode b = content.get(i);
            out.add(block(b, where + "[" + i + "]"));
            if (b.hasNonNull("cache_control")) {
                out.add(cachePoint());
            }
        }
        return out;
    }

    private ObjectNode block(JsonNode b, String where) {
        String type = String.valueOf(JsonFields.text(b, "type"));
        ObjectNode out = JsonFields.object();
        switch (type) {
            case "text" -> out.put("text", String.valueOf(JsonFields.text(b, "text")));
            case "image" -> out.set("image", media(b, where, true));
            case "document" -> out.set("document", media(b, where, false));
            case "tool_use" -> {
                ObjectNode t = out.putObject("toolUse");
                t.put("toolUseId", JsonFields.text(b, "id"));
                t.put("name", JsonFields.text(b, "name"));
                JsonNode input = b.get("input");
                t.set("input", input == null || input.isNull() ? JsonFields.object() : input.deepCopy());
            }
            case "tool_result" -> out.set("toolResult", toolResult(b, where));
            case "thinking" -> {
                ObjectNode r = out.putObject("reasoningContent").putObject("reasoningText");
                r.put("text", String.valueOf(JsonFields.text(b, "thinking")));
                if (JsonFields.text(b, "signature") != null) {
                    r.put("signature", JsonFields.text(b, "signature"));
                }
            }
            case "redacted_thinking" -> out.putObject("reasoningContent").put("redactedContent",
                    JsonFields.text(b, "data"));
            default -> throw ClientErrors.unsupported(where + ".type=" + type, provider);
        }
        return out;
    }

    private ObjectNode toolResult(JsonNode b, String where) {
        ObjectNode r = JsonFields.object();
        r.put("toolUseId", JsonFields.text(b, "tool_use_id"));
        ArrayNode content = r.putArray("content");
        JsonNode c = b.get("content");
        if (c == null || c.isNull()) {
            content.addObject().put("text", "");
        } else if (c.isTextual()) {
            content.addObject().put("text", c.asText());
        } else if (c.isArray()) {
            for (int i = 0; i < c.size(); i++) {
                JsonNode part = c.get(i);
                String type = String.valueOf(JsonFields.text(part, "type"));
                switch (type) {
                    case "text" -> content.addObject().put("text", String.valueOf(JsonFields.text(part, "text")));
                    case "image" -> content.addObject().set("image", media(part, where + ".content[" + i + "]", true));
                    case "document" -> content.addObject().set("document",
                            media(part, where + ".content[" + i + "]", false));
                    default -> throw ClientErrors.unsupported(where + ".content[" + i + "].type=" + type, provider);
                }
            }
        } else {
            content.addObject().set("json", c.deepCopy());
        }
        if (b.path("is_error").asBoolean(false)) {
            r.put("status", "error");
        }
        return r;
    }

    private ObjectNode media(JsonNode b, String where, boolean image) {
        JsonNode source = b.path("source");
        String sourceType = JsonFields.text(source, "type");
        if (!"base64".equals(sourceType)) {
            throw ClientErrors.unsupported(where + ": an " + (image ? "image" : "document") + " by "
                    + sourceType + " (send it as base64 data)", provider);
        }
        String mediaType = String.valueOf(JsonFields.text(source, "media_type")).toLowerCase(Locale.ROOT);
        String format = mediaType.substring(mediaType.indexOf('/') + 1);
        if (image && format.equals("jpg")) {
            format = "jpeg";
        }
        if (image ? !IMAGE_FORMATS.contains(format) : !format.equals("pdf")) {
            throw ClientErrors.unsupported(where + ": media type " + mediaType, provider);
        }
        ObjectNode out = JsonFields.object().put("format", format);
        if (!image) {
            String title = JsonFields.text(b, "title");
            out.put("name", title != null ? title.replaceAll("[^A-Za-z0-9 ()\\[\\]-]", " ").strip() : "document");
        }
        out.putObject("source").put("bytes", JsonFields.text(source, "data"));
        return out;
    }

    private void tools(JsonNode messages, ObjectNode out) {
        JsonNode tools = messages.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        JsonNode choice = messages.get("tool_choice");
        String choiceType = JsonFields.text(choice, "type");
        if ("none".equals(choiceType) && !hasToolBlocks(messages.get("messages"))) {
            return;
        }
        ObjectNode config = out.putObject("toolConfig");
        ArrayNode specs = config.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String type = JsonFields.text(t, "type");
            if (type != null && !type.equals("custom")) {
                throw ClientErrors.unsupported("tools[" + i + "].type=" + type, provider);
            }
            ObjectNode spec = specs.addObject().putObject("toolSpec");
            spec.put("name", JsonFields.text(t, "name"));
            if (JsonFields.text(t, "description") != null) {
                spec.put("description", JsonFields.text(t, "description"));
            }
            JsonNode schema = t.get("input_schema");
            spec.putObject("inputSchema").set("json", schema == null || schema.isNull()
                    ? JsonFields.object().put("type", "object") : schema.deepCopy());
            if (t.hasNonNull("cache_control")) {
                specs.add(cachePoint());
            }
        }
        if (choiceType != null) {
            switch (choiceType) {
                case "auto" -> config.putObject("toolChoice").putObject("auto");
                case "any" -> config.putObject("toolChoice").putObject("any");
                case "tool" -> config.putObject("toolChoice").putObject("tool")
                        .put("name", JsonFields.text(choice, "name"));
                case "none" -> {
                    // tools stay only because the history uses them; Converse has no "none"
                }
                default -> throw ClientErrors.unsupported("tool_choice.type=" + choiceType, provider);
            }
        }
    }

    private static boolean hasToolBlocks(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            return false;
        }
        for (JsonNode m : messages) {
            for (JsonNode b : m.path("content")) {
                String t = JsonFields.text(b, "type");
                if ("tool_use".equals(t) || "tool_result".equals(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ObjectNode cachePoint() {
        ObjectNode p = JsonFields.object();
        p.putObject("cachePoint").put("type", "default");
        return p;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && v.isNumber()) {
            to.set(as, v.deepCopy());
        }
    }
}
