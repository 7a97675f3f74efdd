package dev.freeport.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;

import java.util.Iterator;
import java.util.Map;

/**
 * Hashes of a request's prompt for the ledger (duplicates, repeated prefixes, conversations), computed by walking
 * the JSON once without serialising it. Shared by the gateway (live requests) and the audit (imported logs), so
 * both group requests the same way. 64-bit FNV-1a: these are for grouping, not security.
 */
public final class Fingerprints {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprints() {
    }

    /** The facts of a prompt; {@code prefixTokens} holds the prefix's characters until {@link #settlePrefix}. */
    public record Fingerprint(RequestFacts facts, long promptChars) {
    }

    public static Fingerprint of(ChatRequest chat, String front) {
        JsonNode body = chat.body();
        JsonNode messages = body.path("messages");
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                lastUser = i;
                break;
            }
        }
        Hash whole = new Hash();
        Hash prefix = new Hash();
        Hash conversation = new Hash();
        boolean firstUserSeen = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            whole.node(m);
            if (i < lastUser) {
                prefix.node(m);
            }
            String role = m.path("role").asText();
            if (role.equals("system") || role.equals("developer")) {
                conversation.node(m);
            } else if (role.equals("user") && !firstUserSeen) {
                conversation.node(m);
                firstUserSeen = true;
            }
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            whole.node(tools);
            prefix.node(tools);
        }
        JsonNode format = body.get("response_format");
        if (format != null) {
            whole.node(format);
        }
        whole.text(chat.model());
        boolean hasPrefix = lastUser > 0;
        return new Fingerprint(new RequestFacts(front, null, null, whole.hex(), hasPrefix ? prefix.hex() : null,
                hasPrefix ? prefix.chars : 0, conversation.hex(), messages.size(), chat.maxOutputTokens(), null,
                tools != null && !tools.isEmpty(), null), whole.chars);
    }

    /**
     * The prefix's share of the input tokens, from its share of the prompt's characters. {@code facts.prefixTokens}
     * holds the prefix's characters until this is called with the whole prompt's characters.
     */
    public static RequestFacts settlePrefix(RequestFacts facts, long promptChars, long inputTokens) {
        return facts.withPrefixTokens(prefixTokens(facts, promptChars, inputTokens));
    }

    /** What {@link #settlePrefix} sets {@code prefixTokens} to. */
    public static long prefixTokens(RequestFacts facts, long promptChars, long inputTokens) {
        if (facts.prefixHash() == null || promptChars <= 0) {
            return 0;
        }
        return Math.min(inputTokens, inputTokens * facts.prefixTokens() / promptChars);
    }

    private static final class Hash {
        long value = OFFSET;
        long chars;

        void text(String s) {
            if (s == null) {
                return;
            }
            long h = value;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * PRIME;
            }
            value = (h ^ 0x1f) * PRIME;
            chars += s.length();
        }

        void node(JsonNode n) {
            if (n.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().equals("cache_control")) {
                        continue;
                    }
                    value = (value ^ e.getKey().hashCode()) * PRIME;
                    node(e.getValue());
                }
            } else if (n.isArray()) {
                for (JsonNode item : n) {
                    node(item);
                }
                value = (value ^ 0x5d) * PRIME;
            } else if (n.isTextual()) {
                text(n.textValue());
            } else {
                text(n.asText());
            }
        }

        String hex() {
            return java.util.HexFormat.of().toHexDigits(value); // as "%016x", without a Formatter per request
        }
    }
}
