package dev.freeport.policy;

import java.util.function.LongSupplier;

/**
 * A request's prompt tokens as admission sees them: a cheap upper bound known at once, and the exact count (the
 * tokenizer's estimate) computed only when a policy asks for it, at most once. Counting costs more than the rest of
 * admission together, so a policy reserves the bound and counts only when the bound does not fit its limit.
 */
public final class PromptTokens {
    private final long atMost;
    private final LongSupplier count;
    private long counted = -1;

    public PromptTokens(long atMost, LongSupplier count) {
        this.atMost = atMost;
        this.count = count;
    }

    /** Known tokens (embeddings inputs, tests): bound and count alike. */
    public static PromptTokens exactly(long tokens) {
        return new PromptTokens(tokens, () -> tokens);
    }

    /** At least {@link #counted()}; no tokenizer involved. */
    public long atMost() {
        return atMost;
    }

    /** The tokenizer's count, computed on the first call (a request's admission runs on one event loop). */
    public long counted() {
        if (counted < 0) {
            counted = Math.min(count.getAsLong(), atMost);
        }
        return counted;
    }

    /** Whether {@link #counted()} could be lower than {@link #atMost()}. */
    public boolean bounded() {
        return counted < 0 || counted < atMost;
    }
}
