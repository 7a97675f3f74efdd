package dev.freeport.route.complexity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parts of an OpenAI chat-completions body that decide its difficulty: the system prompt, the last user
 * turn, and how many messages and tools there are. String content and arrays of content parts are both read;
 * non-text parts (images, audio) are skipped. Never throws on odd shapes: what is missing reads as empty.
 *
 * @param system     the system (or developer) messages' text, joined
 * @param lastUser   the last user message's text
 * @param messages   number of messages
 * @param tools      number of tools (plus legacy functions) offered
 * @param totalChars characters of text across all messages
 */
public record RequestText(String system, String lastUser, int messages, int tools, int totalChars) {

    /** Reads a chat-completions body. */
    public static RequestText of(ObjectNode body) {
        StringBuilder system = new StringBuilder();
        String lastUser = "";
        int total = 0;
        JsonNode msgs = body == null ? null : body.get("messages");
        int count = 0;
        if (msgs != null && msgs.isArray()) {
            count = msgs.size();
            for (JsonNode m : msgs) {
                String role = m.path("role").asText("");
                String text = text(m.get("content"));
                total += text.length();
                if (role.equals("system") || role.equals("developer")) {
                    if (!system.isEmpty()) {
                        system.append('\n');
                    }
                    system.append(text);
                } else if (role.equals("user")) {
                    lastUser = text;
                }
            }
        }
        int tools = body == null ? 0 : size(body.get("tools")) + size(body.get("functions"));
        return new RequestText(system.toString(), lastUser, count, tools, total);
    }

    /** A single user turn, as the labelled prompts are stored. */
    public static RequestText ofUser(String text) {
        return new RequestText("", text, 1, 0, text.length());
    }

    private static int size(JsonNode n) {
        return n != null && n.isArray() ? n.size() : 0;
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode t = part.isTextual() ? part : part.get("text");
                if (t != null && t.isTextual()) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(t.asText());
                }
            }
            return sb.toString();
        }
        return "";
    }
}
