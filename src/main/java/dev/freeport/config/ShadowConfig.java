package dev.freeport.config;

import java.util.List;

/**
 * An alias's shadow traffic ({@code shadow:} under a model): after a sampled request was answered, the same request
 * goes to each candidate alias, and the answers are kept side by side (the migration lab, docs/MIGRATION.md).
 *
 * @param targets        the candidate aliases (other entries of {@code models:})
 * @param sample         the share of answered requests shadowed, in (0, 1]
 * @param maxConcurrency shadow requests of this alias in flight at once
 * @param queue          shadow requests waiting for a slot; more are dropped (and counted)
 * @param budgetNanos    what shadow requests of this alias may cost per {@code budgetPeriod}, in nano-dollars
 * @param budgetPeriod   "day", "week" or "month" (UTC)
 */
public record ShadowConfig(List<String> targets, double sample, int maxConcurrency, int queue, long budgetNanos,
                           String budgetPeriod) {
    public static final double DEFAULT_SAMPLE = 0.05;
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    public static final int DEFAULT_QUEUE = 100;

    public ShadowConfig {
        targets = List.copyOf(targets);
    }
}
