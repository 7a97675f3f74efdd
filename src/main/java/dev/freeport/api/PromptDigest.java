package dev.freeport.api;

/**
 * The prompt's hashes and counts for the ledger's fingerprints (dev.freeport.ledger.Fingerprints), taken by the
 * decoder's one pass over the caller's bytes so that no tree is walked for them; the same values the tree walk
 * gives.
 *
 * @param whole        hash of the messages, tools, output format and model
 * @param prefix       hash of the messages before the last user message, and the tools
 * @param hasPrefix    there is a prefix: the last user message is not the first message
 * @param prefixChars  characters of the texts in {@code prefix}
 * @param conversation hash of the system and developer messages and the first user message
 * @param messages     how many messages
 * @param tools        the request offers tools (a non-empty list)
 * @param wholeChars   characters of the texts in {@code whole}
 */
public record PromptDigest(long whole, long prefix, boolean hasPrefix, long prefixChars, long conversation,
                           int messages, boolean tools, long wholeChars) {
}
