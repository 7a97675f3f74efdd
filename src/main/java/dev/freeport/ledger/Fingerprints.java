package dev.freeport.ledger;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.PromptDigest;
import dev.freeport.api.TreeDigest;

/**
 * Hashes of a request's prompt for the ledger (duplicates, repeated prefixes, conversations). Shared by the gateway
 * (live requests) and the audit (imported logs), so both group requests the same way. 64-bit FNV-1a
 * (dev.freeport.json.JsonHash): these are for grouping, not security. A request read by the OpenAI decoder's one
 * pass, or by a front that translated it, carries them ({@link ChatRequest#digest()}); any other request's tree is
 * walked once ({@link TreeDigest}).
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** The facts of a prompt; {@code prefixTokens} holds the prefix's characters until {@link #settlePrefix}. */
    public record Fingerprint(RequestFacts facts, long promptChars) {
    }

    public static Fingerprint of(ChatRequest chat, String front) {
        PromptDigest d = chat.digest(); // read with the request (from its bytes, or by its front from its tree)
        if (d == null) {
            d = TreeDigest.of(chat.body(), chat.model());
        }
        return new Fingerprint(new RequestFacts(front, null, null, d.whole(), d.hasPrefix() ? d.prefix() : 0L,
                d.prefixChars(), d.conversation(), d.messages(), chat.maxOutputTokens(), null, d.tools(), null),
                d.wholeChars());
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
