package dev.freeport.ledger;

/**
 * What the ledger keeps about a request's shape, beyond tokens and money: who it belongs to (team, tags) and
 * fingerprints the spend audit needs (duplicate prompts, repeated prefixes, growing conversations, oversized
 * output caps). Prompts themselves are never stored: only hashes and counts.
 *
 * @param front           the API the caller spoke: "openai" or "anthropic"
 * @param team            the caller's team, or null
 * @param tags            the caller's tags, comma-separated, or null
 * @param promptHash      hash of the whole prompt (messages, tools, output format); equal hashes = duplicate prompts
 * @param prefixHash      hash of everything before the last user turn (system prompt, earlier turns), or null
 * @param prefixTokens    input tokens of that prefix (estimated by its share of the prompt's characters)
 * @param conversationKey hash of the system prompt and first user message: calls of one conversation share it
 * @param messageCount    messages in the prompt
 * @param maxTokens       the output cap the caller asked for, or null
 * @param finishReason    OpenAI finish_reason of the answer (stop, length, tool_calls, ...), or null
 * @param tools           whether the request offered tools
 * @param decision        routing notes (why this target), or null
 */
public record RequestFacts(String front, String team, String tags, String promptHash, String prefixHash,
                           long prefixTokens, String conversationKey, int messageCount, Integer maxTokens,
                           String finishReason, boolean tools, String decision) {

    public static final RequestFacts NONE = new RequestFacts(null, null, null, null, null, 0, null, 0, null, null,
            false, null);

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
