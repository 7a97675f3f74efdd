package dev.freeport.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.ChatRequest;

import dev.freeport.api.PromptDigest;
import dev.freeport.json.JsonHash;

/**
 * Hashes of a request's prompt for the ledger (duplicates, repeated prefixes, conversations), computed by walking
 * the JSON once without serialising it. Shared by the gateway (live requests) and the audit (imported logs), so
 * both group requests the same way. 64-bit FNV-1a ({@link JsonHash}): these are for grouping, not security. A request
 * read by the OpenAI decoder's one pass carries the same values ({@link ChatRequest#digest()}): no tree is walked.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** The facts of a prompt; {@code prefixTokens} holds the prefix's characters until {@link #settlePrefix}. */
    public record Fingerprint(RequestFacts facts, long promptChars) {
    }

    public static Fingerprint of(ChatRequest chat, String front) {
        PromptDigest d = chat.digest();
        if (d != null) { // read with the request, from its bytes: the same values as the walk below
            return new Fingerprint(new RequestFacts(front, null, null, d.whole(),
                    d.hasPrefix() ? d.prefix() : 0L, d.prefixChars(), d.conversation(),
                    d.messages(), chat.maxOutputTokens(), null, d.tools(), null), d.wholeChars());
        }
        JsonNode body = chat.body();
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
        return new Fingerprint(new RequestFacts(front, null, null, whole.value(),
                hasPrefix ? prefix.value() : 0L, hasPrefix ? prefix.chars() : 0,
                conversation.value(), messages.size(), chat.maxOutputTokens(), null,
                tools != null && !tools.isEmpty(), null), whole.chars());
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
        if (!facts.hasPrefix() || promptChars <= 0) {
            return 0;
        }
        return Math.min(inputTokens, inputTokens * facts.prefixTokens() / promptChars);
    }
}
