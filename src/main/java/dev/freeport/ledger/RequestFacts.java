package dev.freeport.ledger;

import java.util.HexFormat;

/**
 * What the ledger keeps about a request's shape, beyond tokens and money: who it belongs to (team, tags) and
 * fingerprints the spend audit needs (duplicate prompts, repeated prefixes, growing conversations, oversized
 * output caps). Prompts themselves are never stored: only hashes and counts.
 * <p>
 * The three fingerprints are 64-bit hashes ({@link dev.freeport.json.JsonHash}) kept as longs, 0 for none: the
 * request's thread makes no text of them; they are written as 16 hex digits only where a row is stored or shown
 * ({@link #promptHex()}, ...; the ledger's {@code prompt_hash}, {@code prefix_hash}, {@code conversation_key}
 * columns). A hash that comes out as exactly 0 reads as none: these are for grouping, not identity.
 *
 * @param front           the API the caller spoke: "openai" or "anthropic"
 * @param team            the caller's team, or null
 * @param tags            the caller's tags, comma-separated, or null
 * @param promptHash      hash of the whole prompt (messages, tools, output format); equal hashes = duplicate prompts
 * @param prefixHash      hash of everything before the last user turn (system prompt, earlier turns), or 0
 * @param prefixTokens    input tokens of that prefix (estimated by its share of the prompt's characters)
 * @param conversationKey hash of the system prompt and first user message: calls of one conversation share it
 * @param messageCount    messages in the prompt
 * @param maxTokens       the output cap the caller asked for, or null
 * @param finishReason    OpenAI finish_reason of the answer (stop, length, tool_calls, ...), or null
 * @param tools           whether the request offered tools
 * @param decision        routing notes (why this target), or null
 */
public record RequestFacts(String front, String team, String tags, long promptHash, long prefixHash,
                           long prefixTokens, long conversationKey, int messageCount, Integer maxTokens,
                           String finishReason, boolean tools, String decision) {

    public static final RequestFacts NONE = new RequestFacts(null, null, null, 0L, 0L, 0, 0L, 0, null, null,
            false, null);

    /** Facts whose fingerprints are given as text (a ledger row, an import, a test): see {@link #hashOf}. */
    public RequestFacts(String front, String team, String tags, String promptHash, String prefixHash,
                        long prefixTokens, String conversationKey, int messageCount, Integer maxTokens,
                        String finishReason, boolean tools, String decision) {
        this(front, team, tags, hashOf(promptHash), hashOf(prefixHash), prefixTokens, hashOf(conversationKey),
                messageCount, maxTokens, finishReason, tools, decision);
    }

    /** The prompt's hash as the ledger shows it (16 lower-case hex digits), or null. */
    public String promptHex() {
        return hex(promptHash);
    }

    /** The prefix's hash as 16 hex digits, or null when the prompt has no prefix. */
    public String prefixHex() {
        return hex(prefixHash);
    }

    /** The conversation's key as 16 hex digits, or null. */
    public String conversationHex() {
        return hex(conversationKey);
    }

    /** Whether the prompt has a prefix (a turn before its last user turn). */
    public boolean hasPrefix() {
        return prefixHash != 0;
    }

    /** 16 lower-case hex digits of {@code hash}, or null for 0 (none). */
    public static String hex(long hash) {
        return hash == 0 ? null : HexFormat.of().toHexDigits(hash);
    }

    /**
     * The hash a fingerprint's text stands for: 16 hex digits (what the gateway and the audit write) are read back
     * as the long they were made from; null or blank is 0 (none); any other text (older imports, tests) hashes to a
     * long of its own (FNV-1a of its characters), so equal texts still group together.
     */
    public static long hashOf(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        if (text.length() == 16 && HexFormat.isHexDigit(text.charAt(0))) {
            boolean hex = true;
            for (int i = 0; i < 16 && hex; i++) {
                char c = text.charAt(i);
                hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            }
            if (hex) {
                return HexFormat.fromHexDigitsToLong(text);
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    public RequestFacts withFinishReason(String reason) {
        return new RequestFacts(front, team, tags, promptHash, prefixHash, prefixTokens, conversationKey,
                messageCount, maxTokens, reason, tools, decision);
    }

    public RequestFacts withAttribution(String newTeam, String newTags) {
        return new RequestFacts(front, newTeam, newTags, promptHash, prefixHash, prefixTokens, conversationKey,
                messageCount, maxTokens, finishReason, tools, decision);
    }

    public RequestFacts withDecision(String newDecision) {
        return new RequestFacts(front, team, tags, promptHash, prefixHash, prefixTokens, conversationKey,
                messageCount, maxTokens, finishReason, tools, newDecision);
    }

    /**
     * These facts settled with the request's outcome, in one copy: the prefix's tokens, the answer's finish reason,
     * the caller's team and tags, and the routing decision.
     */
    public RequestFacts settled(long newPrefixTokens, String reason, String newTeam, String newTags,
                                String newDecision) {
        return new RequestFacts(front, newTeam, newTags, promptHash, prefixHash, newPrefixTokens, conversationKey,
                messageCount, maxTokens, reason, tools, newDecision);
    }

    public RequestFacts withPrefixTokens(long tokens) {
        return new RequestFacts(front, team, tags, promptHash, prefixHash, tokens, conversationKey, messageCount,
                maxTokens, finishReason, tools, decision);
    }
}
