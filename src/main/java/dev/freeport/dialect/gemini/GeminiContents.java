package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonFields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code messages} → Gemini {@code systemInstruction} + {@code contents}. System and developer messages
 * become systemInstruction parts; user → role "user", assistant → role "model"; assistant tool_calls become
 * functionCall parts (arguments parsed, Gemini id and thoughtSignature restored from the tool-call id, see
 * {@link ToolCallIds}); tool messages become user-role functionResponse parts named after the tool call they
 * answer (found by tool_call_id among the earlier assistant tool_calls; Gemini needs the name), with a response
 * object: a JSON-object content is sent as is, anything else as {@code {"result": content}}. Consecutive turns of
 * the same role are merged (so consecutive tool results form one user turn). Pure; the input is not modified.
 */
public final class GeminiContents {

    /** @param systemInstruction null when there is no system prompt */
    record Mapped(ObjectNode systemInstruction, ArrayNode contents) {
    }

    private record Turn(String role, List<ObjectNode> parts) {
    }

    private final String provider;

    GeminiContents(String provider) {
        this.provider = provider;
    }

    Mapped map(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ClientErrors.badRequest("messages must be a non-empty array");
        }
        List<ObjectNode> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            String role = JsonFields.text(m, "role");
            if (role == null) {
                throw ClientErrors.badRequest(where + ".role is missing");
            }
            switch (role) {
                case "system", "developer" -> system.addAll(textParts(m.get("content"), where));
                case "user" -> add(turns, new Turn("user", userParts(m.get("content"), where)));
                case "assistant" -> {
                    List<ObjectNode> parts = assistantParts(m, where, toolNames);
                    if (!parts.isEmpty()) {
                        add(turns, new Turn("model", parts));
                    }
                }
                case "tool" -> add(turns, new Turn("user", List.of(toolResult(m, where, toolNames))));
                default -> throw ClientErrors.unsupported(where + ".role=" + role, provider);
            }
        }
        if (turns.isEmpty()) {
            throw ClientErrors.badRequest("messages must contain at least one user or assistant message");
        }
        ArrayNode contents = JsonFields.F.arrayNode();
        for (Turn t : turns) {
            ObjectNode c = contents.addObject().put("role", t.role());
            c.putArray("parts").addAll(t.parts());
        }
        ObjectNode instruction = null;
        if (!system.isEmpty()) {
            instruction = JsonFields.object();
            instruction.putArray("parts").addAll(system);
        }
        return new Mapped(instruction, contents);
    }

    private List<ObjectNode> textParts(JsonNode content, String where) {
        List<ObjectNode> out = new ArrayList<>();
        if (content != null && content.isTextual()) {
            out.add(GeminiParts.text(content.asText()));
            return out;
        }
        if (content == null || !content.isArray()) {
            throw ClientErrors.badRequest(where + ".content must be a string or an array of text parts");
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            if (!"text".equals(JsonFields.text(part, "type")) || JsonFields.text(part, "text") == null) {
                throw ClientErrors.badRequest(where + ".content[" + j + "] must be a text part in a system message");
            }
            out.add(GeminiParts.text(part.get("text").asText()));
        }
        return out;
    }

    private List<ObjectNode> userParts(JsonNode content, String where) {
        List<ObjectNode> out = new ArrayList<>();
        if (content != null && content.isTextual()) {
            out.add(GeminiParts.text(content.asText()));
        } else if (content != null && content.isArray() && !content.isEmpty()) {
            for (int j = 0; j < content.size(); j++) {
                out.add(GeminiParts.toPart(content.get(j), where + ".content[" + j + "]", provider));
            }
        } else {
            throw ClientErrors.badRequest(where + ".content must be a string or a non-empty array of content parts");
        }
        return out;
    }

    private List<ObjectNode> assistantParts(JsonNode m, String where, Map<String, String> toolNames) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode content = m.get("content");
        if (content != null && content.isTextual() && !content.asText().isEmpty()) {
            out.add(GeminiParts.text(content.asText()));
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                ObjectNode p = GeminiParts.toPart(content.get(j), where + ".content[" + j + "]", provider);
                if (!p.has("text") || !p.get("text").asText().isEmpty()) {
                    out.add(p);
                }
            }
        }
        if (JsonFields.has(m, "function_call")) {
            throw ClientErrors.unsupported(where + ".function_call (legacy functions; use tool_calls)", provider);
        }
        JsonNode calls = m.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int k = 0; k < calls.size(); k++) {
                out.add(functionCall(calls.get(k), where + ".tool_calls[" + k + "]", toolNames));
            }
        }
        return out;
    }

    private ObjectNode functionCall(JsonNode call, String where, Map<String, String> toolNames) {
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
        toolNames.put(id, name);
        ToolCallIds.Parsed ids = ToolCallIds.parse(id);
        ObjectNode fc = JsonFields.object().put("name", name);
        fc.set("args", arguments(fn.get("arguments"), where + ".function.arguments"));
        if (ids.geminiId() != null) {
            fc.put("id", ids.geminiId());
        }
        ObjectNode part = JsonFields.object();
        part.set("functionCall", fc);
        String signature = ids.thoughtSignature() != null ? ids.thoughtSignature()
                : JsonFields.text(call.path("extra_content").path("google"), "thought_signature");
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    private static JsonNode arguments(JsonNode args, String where) {
        if (args == null || args.isNull() || (args.isTextual() && args.asText().isBlank())) {
            return JsonFields.object();
        }
        if (args.isObject()) {
            return args.deepCopy();
        }
        JsonNode parsed = args.isTextual() ? JsonFields.parse(args.asText()) : null;
        if (parsed == null || !parsed.isObject()) {
            throw ClientErrors.badRequest(where + " is not a valid JSON object");
        }
        return parsed;
    }

    private ObjectNode toolResult(JsonNode m, String where, Map<String, String> toolNames) {
        String id = JsonFields.text(m, "tool_call_id");
        if (id == null) {
            throw ClientErrors.badRequest(where + ".tool_call_id is missing");
        }
        String name = toolNames.get(id);
        if (name == null) {
            throw ClientErrors.badRequest(where + ".tool_call_id \"" + id + "\" matches no tool call of an earlier"
                    + " assistant message (Gemini needs the function name of every tool result)");
        }
        ObjectNode fr = JsonFields.object().put("name", name);
        fr.set("response", response(m.get("content"), where));
        String geminiId = ToolCallIds.parse(id).geminiId();
        if (geminiId != null) {
            fr.put("id", geminiId);
        }
        ObjectNode part = JsonFields.object();
        part.set("functionResponse", fr);
        return part;
    }

    /** The tool's output as the object Gemini wants: a JSON-object text as is, else {"result": text}. */
    private static ObjectNode response(JsonNode content, String where) {
        String text;
        if (content == null || content.isNull()) {
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < content.size(); j++) {
                String t = JsonFields.text(content.get(j), "text");
                if (t == null) {
                    throw ClientErrors.badRequest(where + ".content[" + j + "] must be a text part in a tool message");
                }
                sb.append(t);
            }
            text = sb.toString();
        } else {
            throw ClientErrors.badRequest(where + ".content must be a string or an array of text parts");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            JsonNode parsed = JsonFields.parse(trimmed);
            if (parsed != null && parsed.isObject()) {
                return (ObjectNode) parsed;
            }
        }
        return JsonFields.object().put("result", text);
    }

    /** Appends a turn, merging it into the previous one when both have the same role. */
    private static void add(List<Turn> turns, Turn next) {
        Turn last = turns.isEmpty() ? null : turns.getLast();
        if (last != null && last.role().equals(next.role())) {
            last.parts().addAll(next.parts());
        } else {
            turns.add(new Turn(next.role(), new ArrayList<>(next.parts())));
        }
    }
}
