package dev.freeport.ledger;

/**
 * The 16-hex-digit texts of the fingerprints a writer binds ({@link RequestFacts#hex}), kept by hash in a small
 * direct-mapped table: a repeated prompt, a shared system prompt or one conversation's calls bind the text made the
 * first time instead of a new String per row. One per {@link RowInserts} (one thread); 256 entries, ~20 KiB at most.
 */
final class HashTexts {
    private static final int SLOTS = 256;

    private final long[] hashes = new long[SLOTS];
    private final String[] texts = new String[SLOTS];

    /** The hash's text, or null for 0 (none). */
    String of(long hash) {
        if (hash == 0) {
            return null;
        }
        int slot = slot(hash);
        String text = texts[slot];
        if (text == null || hashes[slot] != hash) {
            text = RequestFacts.hex(hash);
            hashes[slot] = hash;
            texts[slot] = text;
        }
        return text;
    }

    /** The hash's slot: its top 8 bits after a multiply by 2^64 / phi (Fibonacci hashing mixes every bit in). */
    static int slot(long hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 56);
    }
}
