package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.freeport.json.JsonFields;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI {@code messages} → Anthropic {@code system} + {@code messages}. System and developer messages are hoisted
 * to the top-level system; assistant tool_calls become tool_use blocks; role "tool" messages become tool_result
 * blocks in a user message; consecutive messages of the same role are merged, as Anthropic requires alternation.
 * Pure: the input is not modified.
 */
public final class AnthropicMessageMapper {

    /**
     * @param system   null (no system prompt), a string, or an array of text blocks
     * @param messages the alternating Anthropic messages
     */
    public record Mapped(JsonNode system, ArrayNode messages) {
    }

    /** One Anthropic message under construction; {@code plain} is set while it is one string content. */
    private static final class Turn {
        final String role;
        final List<ObjectNode> blocks = new ArrayList<>();
        String plain;

        Turn(String role) {
            this.role = role;
        }
    }

    private final String provider;

    public AnthropicMessageMapper(String providerName) {
        this.provider = providerName;
    }

    /**
     * @param messages          the OpenAI messages array
     * @param extraInstruction  a system instruction appended after the caller's (e.g. for json_object), or null
     */
    public Mapped map(JsonNode messages, String extraInstruction) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ClientErrors.badRequest("messages must be a non-empty array");
        }
        List<ObjectNode> system = new ArrayList<>();
        boolean systemPlain = true;
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = JsonFields.text(m, "role");
            if (role == null) {
                throw ClientErrors.badRequest(where + ".role is missing");
            }
            switch (role) {
                case "system", "developer" -> systemPlain &= systemBlocks(m.get("content"), where, system);
                case "user" -> add(turns, userTurn(m, where));
                case "assistant" -> {
                    Turn t = assistantTurn(m, where);
                    if (!t.blocks.isEmpty()) {
                        add(turns, t);
                    }
                }
                case "tool" -> add(turns, toolTurn(m, where));
                default -> throw ClientErrors.unsupported(where + ".role=" + role, provider);
            }
        }
        if (extraInstruction != null) {
            system.add(ContentParts.text(extraInstruction, null));
            systemPlain = false;
        }
        if (turns.isEmpty()) {
            throw ClientErrors.badRequest("messages must contain at least one user or assistant message");
        }
        ArrayNode out = JsonFields.F.arrayNode();
        for (Turn t : turns) {
            ObjectNode msg = out.addObject().put("role", t.role);
            if (t.plain != null) {
                msg.put("content", t.plain);
            } else {
                msg.putArray("content").addAll(t.blocks);
            }
        }
        return new Mapped(systemNode(system, systemPlain), out);
    }

    private static JsonNode systemNode(List<ObjectNode> blocks, boolean plain) {
        if (blocks.isEmpty()) {
            return null;
        }
        if (plain && blocks.size() == 1) {
            return TextNode.valueOf(blocks.getFirst().get("text").asText());
        }
        ArrayNode arr = JsonFields.F.arrayNode();
        arr.addAll(blocks);
        return arr;
    }

    /** Adds the system texts of one message; returns whether it was a plain string. */
    private boolean systemBlocks(JsonNode content, String where, List<ObjectNode> into) {
        if (content != null && content.isTextual()) {
            into.add(ContentParts.text(content.asText(), null));
            return true;
        }
        if (content == null || !content.isArray()) {
            throw ClientErrors.badRequest(where + ".content must be a string or an array of text parts");
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            if (!"text".equals(JsonFields.text(part, "type"))) {
                throw ClientErrors.badRequest(where + ".content[" + j + "] must be a text part in a system message");
            }
            into.add(ContentParts.toBlock(part, where + ".content[" + j + "]", provider));
        }
        return false;
    }

    private Turn userTurn(JsonNode m, String where) {
        Turn t = new Turn("user");
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            t.plain = content.asText();
            t.blocks.add(ContentParts.text(t.plain, null));
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                t.blocks.add(ContentParts.toBlock(content.get(j), where + ".content[" + j + "]", provider));
            }
        } else {
            throw ClientErrors.badRequest(where + ".content must be a string or an array of content parts");
        }
        return t;
    }

    private Turn assistantTurn(JsonNode m, String where) {
        Turn t = new Turn("assistant");
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            if (!content.asText().isEmpty()) {
                t.plain = content.asText();
                t.blocks.add(ContentParts.text(t.plain, null));
            }
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                ObjectNode b = ContentParts.toBlock(content.get(j), where + ".content[" + j + "]", provider);
                if (!"text".equals(JsonFields.text(b, "type")) || !b.get("text").asText().isEmpty()) {
                    t.blocks.add(b);
                }
            }
        }
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray() && !calls.isEmpty()) {
            t.plain = null;
            for (int k = 0; k < calls.size(); k++) {
                t.blocks.add(toolUse(calls.get(k), where + ".tool_calls[" + k + "]"));
            }
        }
        if (JsonFields.has(m, "function_call")) {
            throw ClientErrors.unsupported(where + ".function_call (legacy functions; use tool_calls)", provider);
        }
        return t;
    }

    private ObjectNode toolUse(JsonNode call, String where) {
        String type = JsonFields.text(call, "type");
        if (type != null && !"function".equals(type)) {
            throw ClientErrors.unsupported(where + ".type=" + type, provider);
        }
        String id = JsonFields.text(call, "id");
        JsonNode fn = call.get("function");
        String name = JsonFields.text(fn, "name");
        if (id == null || name == null) {
            throw ClientErrors.badRequest(where + " needs an id and a function.name");
        }
        ObjectNode block = JsonFields.object().put("type", "tool_use").put("id", id).put("name", name);
        block.set("input", arguments(fn.get("arguments"), where + ".function.arguments"));
        return block;
    }

    /** Parses a tool call's JSON-text arguments into the object Anthropic wants as {@code input}. */
    private static JsonNode arguments(JsonNode args, String where) {
        if (args == null || args.isNull() || (args.isTextual() && args.asText().isBlank())) {
            return JsonFields.object();
        }
        if (args.isObject()) {
            return args.deepCopy();
        }
        JsonNode parsed;
        try {
            parsed = args.isTextual() ? JsonFields.MAPPER.readTree(args.asText()) : null;
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw ClientErrors.badRequest(where + " is not a valid JSON object");
        }
        return parsed;
    }

    private Turn toolTurn(JsonNode m, String where) {
        String id = JsonFields.text(m, "tool_call_id");
        if (id == null) {
            throw ClientErrors.badRequest(where + ".tool_call_id is missing");
        }
        ObjectNode result = JsonFields.object().put("type", "tool_result").put("tool_use_id", id);
        JsonNode content = m.get("content");
        if (content == null || content.isNull()) {
            result.put("content", "");
        } else if (content.isTextual()) {
            result.put("content", content.asText());
        } else if (content.isArray()) {
            ArrayNode blocks = result.putArray("content");
            for (int j = 0; j < content.size(); j++) {
                blocks.add(ContentParts.toBlock(content.get(j), where + ".content[" + j + "]", provider));
            }
        } else {
            throw ClientErrors.badRequest(where + ".content must be a string or an array of content parts");
        }
        Turn t = new Turn("user");
        t.blocks.add(result);
        return t;
    }

    /** Appends a turn, merging it into the previous one when both have the same role. */
    private static void add(List<Turn> turns, Turn next) {
        Turn last = turns.isEmpty() ? null : turns.getLast();
        if (last != null && last.role.equals(next.role)) {
            last.plain = null;
            last.blocks.addAll(next.blocks);
        } else {
            turns.add(next);
        }
    }
}
