package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.freeport.dialect.anthropic.Checks.absent;
import static dev.freeport.dialect.anthropic.Checks.invalid;
import static dev.freeport.dialect.anthropic.Checks.object;
import static dev.freeport.dialect.anthropic.Checks.requiredString;
import static dev.freeport.dialect.anthropic.Checks.unsupported;
import static dev.freeport.dialect.anthropic.Checks.wrongType;

/**
 * Anthropic {@code system} + {@code messages} → OpenAI {@code messages}, validating as it goes. Pure.
 *
 * <p>Decisions (each one a place where the two formats differ):
 * <ul>
 *   <li>Text blocks that must become one string (system, assistant text, tool_result text) are joined with
 *       {@value #JOIN}. A user message of exactly one text block becomes a plain string; anything else becomes
 *       content parts. {@code cache_control} and {@code citations} are never copied.</li>
 *   <li>Images: base64 source → {@code image_url} with a {@code data:} URL; url source → {@code image_url}.
 *       File-id sources are refused (no portable equivalent).</li>
 *   <li>Documents: a base64 PDF → an OpenAI {@code file} part with {@code file_data} (OpenAI's own PDF input;
 *       the Anthropic back end maps it back to a document); a plain-text source → a text part (title, context and
 *       citations are dropped); url, file-id and content sources are refused.</li>
 *   <li>tool_result → one {@code tool} message per result, placed before the rest of that user message (OpenAI
 *       requires tool messages right after the assistant's tool_calls). {@code is_error:true} prefixes the content
 *       with {@value #ERROR_PREFIX} so the model sees the failure. Images in a tool result cannot go in a tool
 *       message (OpenAI allows text only there): they move to the user message that follows the tool messages,
 *       after a text part naming the tool call.</li>
 *   <li>Assistant: text → {@code content}; tool_use → {@code tool_calls} (id kept exactly, input serialised as the
 *       arguments string); thinking → {@code reasoning_content} (the signature is dropped); redacted_thinking is
 *       dropped (it is encrypted for Anthropic only).</li>
 *   <li>{@code role: "system"} inside {@code messages} (mid-conversation system messages, string or text blocks)
 *       → a system message at the same place; its per-turn {@code output_config.effort} is noted in {@link Found}
 *       (the last one wins). OpenAI's chat format allows system messages anywhere; the Gemini and Anthropic
 *       mappers hoist them.</li>
 *   <li>A {@code tool_reference} block in a tool result (the answer of a client-side tool search) → a text naming
 *       the tool, and that deferred tool is offered to the model (see {@link Found#referencedTools}).</li>
 *   <li>Blocks of Anthropic's server-side tools ({@code server_tool_use}, {@code web_search_tool_result},
 *       {@code mcp_tool_use}, ...), {@code search_result} and {@code container_upload} blocks are kept for an
 *       Anthropic back end and noted as native-only: no other back end can be given them. Other unknown blocks are
 *       refused with a 400 naming them.</li>
 * </ul>
 */
final class MessageTranslator {
    static final String JOIN = "\n\n";
    static final String ERROR_PREFIX = "Error: ";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    /** Content blocks only Anthropic's own API understands (server-side tools, containers, search results). */
    private static final Set<String> NATIVE_BLOCKS = Set.of("server_tool_use", "web_search_tool_result",
            "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
            "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use", "mcp_tool_result",
            "container_upload", "search_result");

    private MessageTranslator() {
    }

    /** The system prompt (string or text blocks) as the text of a first system message, or null for none. */
    static String system(JsonNode system) {
        return systemText(system, "system");
    }

    /** A system prompt's text (string or text blocks, {@code cache_control} ignored) at {@code path}, or null. */
    private static String systemText(JsonNode system, String path) {
        if (absent(system)) {
            return null;
        }
        if (system.isTextual()) {
            return system.textValue().isEmpty() ? null : system.textValue();
        }
        if (!system.isArray()) {
            throw wrongType(path, "a valid string or a list of text blocks", system);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            String p = path + "." + i;
            JsonNode b = object(system.get(i), p);
            String type = requiredString(b, "type", p + ".type");
            if (!type.equals("text")) {
                throw invalid(p + ".type", "Input should be 'text', got '" + type + "'");
            }
            texts.add(requiredString(b, "text", p + ".text"));
        }
        return texts.isEmpty() ? null : String.join(JOIN, texts);
    }

    /** Appends the OpenAI messages for the Anthropic {@code messages} array to {@code out}; notes go to {@code found}. */
    static void messages(JsonNode messages, ArrayNode out, Found found) {
        if (absent(messages)) {
            throw invalid("messages", "Field required");
        }
        if (!messages.isArray()) {
            throw wrongType("messages", "a valid list", messages);
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "List should have at least 1 item after validation, not 0");
        }
        for (int i = 0; i < messages.size(); i++) {
            String p = "messages." + i;
            JsonNode m = object(messages.get(i), p);
            String role = requiredString(m, "role", p + ".role");
            JsonNode content = m.get("content");
            if (role.equals("system")) {
                midSystem(m, content, p, out, found);
                continue;
            }
            if (absent(content)) {
                throw invalid(p + ".content", "Field required");
            }
            if (!content.isTextual() && !content.isArray()) {
                throw wrongType(p + ".content", "a valid string or a list of content blocks", content);
            }
            switch (role) {
                case "user" -> user(content, p, out, found);
                case "assistant" -> out.add(assistant(content, p, found));
                default -> throw invalid(p + ".role", "Input should be 'user', 'assistant' or 'system', got '" + role
                        + "'");
            }
        }
    }

    /**
     * A {@code role: "system"} message inside {@code messages}: its text as a system message in place, its per-turn
     * {@code output_config.effort} noted. It may carry only an output_config.
     */
    private static void midSystem(JsonNode m, JsonNode content, String p, ArrayNode out, Found found) {
        JsonNode config = m.get("output_config");
        if (!absent(config)) {
            String effort = Reasoning.effort(object(config, p + ".output_config"), p + ".output_config");
            if (effort != null) {
                found.turnEffort = effort;
            }
        }
        if (absent(content)) {
            if (absent(config)) {
                throw invalid(p + ".content", "Field required");
            }
            return;
        }
        String text = systemText(content, p + ".content");
        if (text != null) {
            out.addObject().put("role", "system").put("content", text);
        }
    }

    private static void user(JsonNode content, String p, ArrayNode out, Found found) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.textValue());
            return;
        }
        ArrayNode parts = Json.NODES.arrayNode();
        ArrayNode toolImages = Json.NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            String bp = p + ".content." + j;
            JsonNode b = object(content.get(j), bp);
            String type = requiredString(b, "type", bp + ".type");
            switch (type) {
                case "text" -> parts.add(textPart(requiredString(b, "text", bp + ".text")));
                case "image" -> parts.add(imagePart(b, bp));
                case "document" -> parts.add(documentPart(b, bp));
                case "tool_result" -> toolResult(b, bp, out, toolImages, found);
                default -> nativeBlock(type, bp, found, "a user message");
            }
        }
        toolImages.addAll(parts);
        parts = toolImages;
        if (parts.isEmpty()) {
            return; // only tool results
        }
        ObjectNode msg = out.addObject().put("role", "user");
        if (parts.size() == 1 && "text".equals(parts.get(0).path("type").asText())) {
            msg.put("content", parts.get(0).get("text").textValue());
        } else {
            msg.set("content", parts);
        }
    }

    /** A block only Anthropic's API knows is noted as native-only (and left out here); any other is refused. */
    private static void nativeBlock(String type, String bp, Found found, String where) {
        if (!NATIVE_BLOCKS.contains(type)) {
            throw unsupported(bp + ".type", "A '" + type + "' block in " + where);
        }
        found.nativeOnly(bp, "a '" + type + "' block (Anthropic's server-side tools)");
    }

    private static void toolResult(JsonNode b, String bp, ArrayNode out, ArrayNode images, Found found) {
        String id = requiredString(b, "tool_use_id", bp + ".tool_use_id");
        Boolean isError = Checks.optBoolean(b, "is_error", bp + ".is_error");
        JsonNode content = b.get("content");
        List<String> texts = new ArrayList<>();
        int imagesBefore = images.size();
        if (absent(content)) {
            // no content: an empty result
        } else if (content.isTextual()) {
            texts.add(content.textValue());
        } else if (content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                String cp = bp + ".content." + k;
                JsonNode c = object(content.get(k), cp);
                String type = requiredString(c, "type", cp + ".type");
                switch (type) {
                    case "text" -> texts.add(requiredString(c, "text", cp + ".text"));
                    case "image" -> images.add(imagePart(c, cp));
                    case "document" -> {
                        ObjectNode part = documentPart(c, cp);
                        if ("text".equals(part.get("type").asText())) {
                            texts.add(part.get("text").textValue());
                        } else {
                            images.add(part);
                        }
                    }
                    case "tool_reference" -> {
                        String tool = requiredString(c, "tool_name", cp + ".tool_name");
                        found.referencedTools.add(tool);
                        texts.add("(tool " + tool + " is now available)");
                    }
                    default -> nativeBlock(type, cp, found, "a tool_result");
                }
            }
        } else {
            throw wrongType(bp + ".content", "a valid string or a list of content blocks", content);
        }
        if (images.size() > imagesBefore) {
            images.insert(imagesBefore, textPart("(attachments returned by tool call " + id + ")"));
        }
        String text = String.join(JOIN, texts);
        if (Boolean.TRUE.equals(isError)) {
            text = text.isEmpty() ? ERROR_PREFIX.strip() : ERROR_PREFIX + text;
        }
        out.addObject().put("role", "tool").put("tool_call_id", id).put("content", text);
    }

    private static ObjectNode assistant(JsonNode content, String p, Found found) {
        ObjectNode msg = Json.NODES.objectNode().put("role", "assistant");
        if (content.isTextual()) {
            msg.put("content", content.textValue());
            return msg;
        }
        List<String> texts = new ArrayList<>();
        List<String> thinking = new ArrayList<>();
        ArrayNode calls = Json.NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            String bp = p + ".content." + j;
            JsonNode b = object(content.get(j), bp);
            String type = requiredString(b, "type", bp + ".type");
            switch (type) {
                case "text" -> texts.add(requiredString(b, "text", bp + ".text"));
                case "thinking" -> thinking.add(requiredString(b, "thinking", bp + ".thinking"));
                case "redacted_thinking" -> {
                    // encrypted for Anthropic only: nothing another model can read
                }
                case "tool_use" -> calls.add(toolCall(b, bp));
                default -> nativeBlock(type, bp, found, "an assistant message");
            }
        }
        if (texts.isEmpty() && !calls.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", String.join(JOIN, texts));
        }
        if (!thinking.isEmpty()) {
            msg.put("reasoning_content", String.join(JOIN, thinking));
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        return msg;
    }

    private static ObjectNode toolCall(JsonNode b, String bp) {
        String id = requiredString(b, "id", bp + ".id");
        String name = requiredString(b, "name", bp + ".name");
        JsonNode input = b.get("input");
        if (absent(input)) {
            throw invalid(bp + ".input", "Field required");
        }
        if (!input.isObject()) {
            throw wrongType(bp + ".input", "a valid dictionary", input);
        }
        String arguments;
        try {
            arguments = Json.MAPPER.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode call = Json.NODES.objectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    static ObjectNode textPart(String text) {
        return Json.NODES.objectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode imagePart(JsonNode b, String bp) {
        ObjectNode source = object(b.get("source"), bp + ".source");
        String type = requiredString(source, "type", bp + ".source.type");
        String url = switch (type) {
            case "base64" -> {
                String media = requiredString(source, "media_type", bp + ".source.media_type");
                if (!IMAGE_TYPES.contains(media.toLowerCase(Locale.ROOT))) {
                    throw invalid(bp + ".source.media_type", "Input should be 'image/jpeg', 'image/png', "
                            + "'image/gif' or 'image/webp', got '" + media + "'");
                }
                yield "data:" + media + ";base64," + requiredString(source, "data", bp + ".source.data");
            }
            case "url" -> requiredString(source, "url", bp + ".source.url");
            default -> throw unsupported(bp + ".source.type", "An image source of type '" + type + "'");
        };
        ObjectNode part = Json.NODES.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode documentPart(JsonNode b, String bp) {
        ObjectNode source = object(b.get("source"), bp + ".source");
        String type = requiredString(source, "type", bp + ".source.type");
        switch (type) {
            case "base64" -> {
                String media = requiredString(source, "media_type", bp + ".source.media_type");
                if (!media.equalsIgnoreCase("application/pdf")) {
                    throw invalid(bp + ".source.media_type", "Input should be 'application/pdf', got '" + media + "'");
                }
                String title = Checks.optString(b, "title", bp + ".title");
                ObjectNode part = Json.NODES.objectNode().put("type", "file");
                part.putObject("file")
                        .put("filename", title == null || title.isBlank() ? "document.pdf" : title)
                        .put("file_data", "data:application/pdf;base64," + requiredString(source, "data",
                                bp + ".source.data"));
                return part;
            }
            case "text" -> {
                return textPart(requiredString(source, "data", bp + ".source.data"));
            }
            default -> throw unsupported(bp + ".source.type", "A document source of type '" + type + "'");
        }
    }
}
