package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.freeport.dialect.responses.Fields.absent;
import static dev.freeport.dialect.responses.Fields.object;
import static dev.freeport.dialect.responses.Fields.string;
import static dev.freeport.dialect.responses.Fields.unsupported;
import static dev.freeport.dialect.responses.Fields.wrongType;

/**
 * Responses input items → chat messages, validating as it goes; one mapper per request, fed the stored history
 * first, then the new input. Pure.
 *
 * <ul>
 *   <li>{@code message}: user → a user message (one text part → a plain string, else parts); system and
 *       developer → a system message (developer is not accepted by every chat host; texts joined with
 *       {@value #JOIN}); assistant → an assistant message (output_text and refusal texts joined).</li>
 *   <li>Parts: {@code input_text}/{@code output_text} → text; {@code input_image} (URL or data URL,
 *       {@code detail} auto/low/high kept) → {@code image_url}; {@code input_file} with {@code file_data} →
 *       a chat {@code file} part. File ids and file URLs (Freeport has no files API) and audio are refused.</li>
 *   <li>{@code function_call} / {@code custom_tool_call} → tool calls of an assistant message (consecutive calls,
 *       and calls right after an assistant message, share one message; ids kept; a custom call's input becomes
 *       {@code {"input": "..."}}; a namespaced call is named {@code <namespace>__<name>}).</li>
 *   <li>{@code function_call_output} / {@code custom_tool_call_output} → one {@code tool} message each (text
 *       parts joined; older Codex's {@code {content, success:false}} object → its content after "Error: "); an
 *       output naming no earlier call is refused as OpenAI does. Images or files in an output
 *       cannot go in a tool message: they follow the run of tool messages in a user message, after a text naming
 *       the call.</li>
 *   <li>{@code reasoning}: its reasoning_text content (else its summary) becomes {@code reasoning_content} of the
 *       next assistant message (DeepSeek and other thinking models want it back); encrypted content is dropped
 *       (only OpenAI can read it).</li>
 *   <li>{@code web_search_call} and {@code image_generation_call} (records of built-in tools that are dropped)
 *       are dropped, and so is {@code additional_tools} (its tools are offered as tools, see {@link ToolsMapper});
 *       {@code item_reference}, {@code compaction} and every other item type are refused naming
 *       it.</li>
 * </ul>
 */
final class InputMapper {
    static final String JOIN = "\n\n";
    /** Items with no chat message: built-in tool calls, and additional_tools (its tools are mapped as tools). */
    private static final Set<String> DROPPED_ITEMS = Set.of("web_search_call", "image_generation_call",
            "additional_tools");

    private final ArrayNode out;
    private final boolean checkCallIds;
    private final Set<String> callIds = new HashSet<>();
    private final List<String> reasoning = new ArrayList<>();
    private final ArrayNode toolAttachments = Json.NODES.arrayNode();
    private ObjectNode openAssistant;

    /** {@code checkCallIds}: refuse tool outputs that answer no earlier call (off while the history is unknown). */
    InputMapper(ArrayNode out, boolean checkCallIds) {
        this.out = out;
        this.checkCallIds = checkCallIds;
    }

    /** Items; {@code path} names the array in error messages ("input", or the stored history). */
    void items(JsonNode items, String path) {
        for (int i = 0; i < items.size(); i++) {
            item(object(items.get(i), path + "[" + i + "]"), path + "[" + i + "]");
        }
    }

    /** Ends the input: attachments still waiting after tool messages get their user message. */
    void finish() {
        flushAttachments();
    }

    private void item(ObjectNode it, String p) {
        String type = Fields.optString(it, "type", p + ".type");
        if (type == null) {
            if (absent(it.get("role"))) {
                throw Fields.missing(p + ".type");
            }
            type = "message";
        }
        if (!type.endsWith("_output")) {
            flushAttachments();
        }
        switch (type) {
            case "message" -> message(it, p);
            case "function_call" -> call(it, p, string(it, "arguments", p + ".arguments"));
            case "custom_tool_call" -> call(it, p, Json.NODES.objectNode()
                    .put(ToolsMapper.CUSTOM_INPUT, string(it, "input", p + ".input")).toString());
            case "function_call_output", "custom_tool_call_output" -> output(it, p);
            case "reasoning" -> reasoning(it, p);
            default -> {
                if (!DROPPED_ITEMS.contains(type)) {
                    throw unsupported(p + ".type", "An input item of type '" + type + "'");
                }
            }
        }
    }

    private void message(ObjectNode it, String p) {
        String role = Fields.optEnum(it, "role", p + ".role", List.of("user", "assistant", "system", "developer"));
        if (role == null) {
            throw Fields.missing(p + ".role");
        }
        JsonNode content = it.get("content");
        if (absent(content)) {
            throw Fields.missing(p + ".content");
        }
        if (!content.isTextual() && !content.isArray()) {
            throw wrongType(p + ".content", "a string or an array of content parts", content);
        }
        switch (role) {
            case "user" -> {
                ArrayNode parts = content.isTextual() ? null : parts(content, p + ".content", true);
                ObjectNode msg = out.addObject().put("role", "user");
                if (parts == null) {
                    msg.put("content", content.textValue());
                } else if (parts.size() == 1 && "text".equals(parts.get(0).path("type").asText())) {
                    msg.put("content", parts.get(0).get("text").textValue());
                } else {
                    msg.set("content", parts);
                }
                openAssistant = null;
            }
            case "system", "developer" -> {
                out.addObject().put("role", "system").put("content", texts(content, p + ".content", JOIN));
                openAssistant = null;
            }
            default -> {
                ObjectNode msg = out.addObject().put("role", "assistant")
                        .put("content", texts(content, p + ".content", ""));
                takeReasoning(msg);
                openAssistant = msg;
            }
        }
    }

    private void call(ObjectNode it, String p, String arguments) {
        String callId = string(it, "call_id", p + ".call_id");
        String name = string(it, "name", p + ".name");
        String namespace = Fields.optString(it, "namespace", p + ".namespace");
        ObjectNode msg = openAssistant;
        if (msg == null) {
            msg = out.addObject().put("role", "assistant");
            msg.putNull("content");
            openAssistant = msg;
        } else if (msg.path("content").asText("").isEmpty()) {
            msg.putNull("content");
        }
        takeReasoning(msg);
        ArrayNode calls = msg.has("tool_calls") ? (ArrayNode) msg.get("tool_calls") : msg.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", ToolNames.chatName(namespace, name)).put("arguments", arguments);
        callIds.add(callId);
    }

    private void output(ObjectNode it, String p) {
        String callId = string(it, "call_id", p + ".call_id");
        if (checkCallIds && !callIds.contains(callId)) {
            throw Fields.invalid(p + ".call_id", "No tool call found for function call output with call_id '"
                    + callId + "'.");
        }
        JsonNode output = it.get("output");
        String text;
        if (absent(output)) {
            throw Fields.missing(p + ".output");
        } else if (output.isTextual()) {
            text = output.textValue();
        } else if (output.isArray()) {
            ArrayNode parts = parts(output, p + ".output", true);
            List<String> texts = new ArrayList<>();
            int before = toolAttachments.size();
            for (JsonNode part : parts) {
                if ("text".equals(part.get("type").asText())) {
                    texts.add(part.get("text").textValue());
                } else {
                    toolAttachments.add(part);
                }
            }
            if (toolAttachments.size() > before) {
                toolAttachments.insert(before, textPart("(attachments returned by tool call " + callId + ")"));
            }
            text = String.join(JOIN, texts);
        } else if (output.isObject() && output.path("content").isTextual()) {
            // older Codex versions: {"content": "...", "success": false} for a failed call
            text = output.get("content").textValue();
            if (output.path("success").isBoolean() && !output.get("success").booleanValue()) {
                text = "Error: " + text;
            }
        } else {
            throw wrongType(p + ".output", "a string or an array of content parts", output);
        }
        out.addObject().put("role", "tool").put("tool_call_id", callId).put("content", text);
        openAssistant = null;
    }

    private void reasoning(ObjectNode it, String p) {
        List<String> texts = new ArrayList<>();
        for (String field : new String[] {"content", "summary"}) {
            JsonNode parts = it.get(field);
            if (absent(parts)) {
                continue;
            }
            if (!parts.isArray()) {
                throw wrongType(p + "." + field, "an array", parts);
            }
            for (int i = 0; i < parts.size(); i++) {
                texts.add(string(object(parts.get(i), p + "." + field + "[" + i + "]"), "text",
                        p + "." + field + "[" + i + "].text"));
            }
            if (!texts.isEmpty()) {
                break; // the raw reasoning when there is some, else its summary
            }
        }
        reasoning.add(String.join(JOIN, texts));
        reasoning.removeIf(String::isEmpty);
    }

    private void takeReasoning(ObjectNode assistant) {
        if (reasoning.isEmpty()) {
            return;
        }
        String earlier = assistant.path("reasoning_content").asText("");
        String text = String.join(JOIN, reasoning);
        assistant.put("reasoning_content", earlier.isEmpty() ? text : earlier + JOIN + text);
        reasoning.clear();
    }

    private void flushAttachments() {
        if (toolAttachments.isEmpty()) {
            return;
        }
        out.addObject().put("role", "user").set("content", toolAttachments.deepCopy());
        toolAttachments.removeAll();
        openAssistant = null;
    }

    /** Content parts as chat parts; {@code media} allows images and files. */
    private static ArrayNode parts(JsonNode content, String p, boolean media) {
        ArrayNode parts = Json.NODES.arrayNode();
        for (int i = 0; i < content.size(); i++) {
            String pp = p + "[" + i + "]";
            ObjectNode part = object(content.get(i), pp);
            String type = string(part, "type", pp + ".type");
            switch (type) {
                case "input_text", "output_text", "text" -> parts.add(textPart(string(part, "text", pp + ".text")));
                case "refusal" -> parts.add(textPart(string(part, "refusal", pp + ".refusal")));
                case "input_image" -> parts.add(media ? image(part, pp) : noMedia(pp, type));
                case "input_file" -> parts.add(media ? file(part, pp) : noMedia(pp, type));
                default -> throw unsupported(pp + ".type", "A content part of type '" + type + "'");
            }
        }
        return parts;
    }

    private static ObjectNode noMedia(String p, String type) {
        throw Fields.invalid(p + ".type", "'" + type + "' is only allowed in user messages and tool outputs.");
    }

    /** The text of a string or of text-only parts, joined with {@code join}. */
    private static String texts(JsonNode content, String p, String join) {
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts(content, p, false)) {
            texts.add(part.get("text").textValue());
        }
        return String.join(join, texts);
    }

    private static ObjectNode textPart(String text) {
        return Json.NODES.objectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode image(ObjectNode part, String p) {
        if (!absent(part.get("file_id"))) {
            throw unsupported(p + ".file_id", "An image given by file id");
        }
        String url = string(part, "image_url", p + ".image_url");
        if (url.isBlank()) {
            throw Fields.invalid(p + ".image_url", "expected a URL or a data URL, got an empty string.");
        }
        String detail = Fields.optEnum(part, "detail", p + ".detail", List.of("auto", "low", "high", "original"));
        ObjectNode out = Json.NODES.objectNode().put("type", "image_url");
        ObjectNode img = out.putObject("image_url").put("url", url);
        if (detail != null && !detail.equals("original")) {
            img.put("detail", detail);
        }
        return out;
    }

    private static ObjectNode file(ObjectNode part, String p) {
        for (String f : new String[] {"file_id", "file_url"}) {
            if (!absent(part.get(f))) {
                throw unsupported(p + "." + f, "A file given by " + (f.equals("file_id") ? "file id" : "URL"));
            }
        }
        String data = string(part, "file_data", p + ".file_data");
        String filename = Fields.optString(part, "filename", p + ".filename");
        ObjectNode out = Json.NODES.objectNode().put("type", "file");
        out.putObject("file").put("filename", filename == null || filename.isBlank() ? "file" : filename)
                .put("file_data", data);
        return out;
    }
}
