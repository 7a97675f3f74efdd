package dev.freeport.policy;

/**
 * How an admitted request ended, for settling: its real cost and tokens (0 when it failed before any upstream
 * answered), and whether it reached a provider at all.
 */
public record Outcome(long costNanos, long inputTokens, long outputTokens, boolean reachedProvider) {
    public static final Outcome NOTHING = new Outcome(0, 0, 0, false);
}
