package dev.freeport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.JsonHash;

import java.util.Iterator;
import java.util.Map;

/**
 * The prompt's digest for the ledger's fingerprints, read from a chat request's tree in one walk: each text is hashed
 * into every hash it belongs to (the whole prompt, the prefix before the last user message, the conversation's start)
 * in one loop. The ledger (dev.freeport.ledger.Fingerprints) reads it when it records a request without a digest
 * (one the Anthropic or Responses front translated into a tree, or one the OpenAI byte scan left to the tree parser):
 * after the decode, so a request that is only counted (count_tokens, input_tokens) never pays for it. The OpenAI
 * decoder's byte scan gives the same values from the caller's bytes.
 */
public final class TreeDigest {
    private TreeDigest() {
    }

    /** The digest of {@code body} (an OpenAI chat request's tree) asked for as {@code model}. */
    public static PromptDigest of(ObjectNode body, String model) {
        JsonNode messages = body.path("messages");
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                lastUser = i;
                break;
            }
        }
        JsonHash whole = new JsonHash();
        JsonHash prefix = new JsonHash();
        JsonHash conversation = new JsonHash();
        boolean firstUserSeen = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            boolean opening = role.equals("system") || role.equals("developer");
            if (!opening && role.equals("user") && !firstUserSeen) {
                opening = true;
                firstUserSeen = true;
            }
            node(m, whole, i < lastUser ? prefix : null, opening ? conversation : null);
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            node(tools, whole, prefix, null);
        }
        JsonNode format = body.get("response_format");
        if (format != null) {
            node(format, whole, null, null);
        }
        whole.text(model);
        boolean hasPrefix = lastUser > 0;
        return new PromptDigest(whole.value(), prefix.value(), hasPrefix, hasPrefix ? prefix.chars() : 0,
                conversation.value(), messages.size(), tools != null && !tools.isEmpty(), whole.chars());
    }

    /** {@link JsonHash#node} into {@code a} and, when not null, {@code b} and {@code c}, in one walk. */
    private static void node(JsonNode n, JsonHash a, JsonHash b, JsonHash c) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                if (name.equals(JsonHash.CACHE_CONTROL)) {
                    continue;
                }
                a.name(name);
                if (b != null) {
                    b.name(name);
                }
                if (c != null) {
                    c.name(name);
                }
                node(e.getValue(), a, b, c);
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) {
                node(item, a, b, c);
            }
            a.endArray();
            if (b != null) {
                b.endArray();
            }
            if (c != null) {
                c.endArray();
            }
        } else {
            text(n.isTextual() ? n.textValue() : n.asText(), a, b, c);
        }
    }

    private static void text(String s, JsonHash a, JsonHash b, JsonHash c) {
        if (b == null && c == null) {
            a.text(s);
        } else if (b == null || c == null) {
            JsonHash.text(a, b == null ? c : b, s);
        } else {
            JsonHash.text(a, b, c, s);
        }
    }
}
