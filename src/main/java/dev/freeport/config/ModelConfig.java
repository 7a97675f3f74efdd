package dev.freeport.config;

import java.util.List;

/**
 * One alias under {@code models:}: the name callers use, and the targets behind it.
 *
 * @param strategy ORDERED (first healthy target first, the rest as fallbacks in order) or WEIGHTED (first
 *                 target drawn by weight, the others as fallbacks by descending weight), CHEAPEST (the cheapest
 *                 target that can serve the request first), FASTEST (lowest expected latency from moving averages,
 *                 with a little exploration), LEAST_BUSY (fewest requests in flight per weight), COMPLEXITY (easy
 *                 requests to the light targets, hard ones to the strong targets)
 * @param strongShare for COMPLEXITY: the share of typical traffic the threshold sends to the strong targets
 * @param fallbacks   other aliases to fall back to (never null)
 */
public record ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                          double strongShare, AliasFallbacks fallbacks) {

    public static final double DEFAULT_STRONG_SHARE = 0.2;

    public ModelConfig {
        fallbacks = fallbacks == null ? AliasFallbacks.NONE : fallbacks;
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                       double strongShare) {
        this(name, strategy, targets, description, strongShare, null);
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description) {
        this(name, strategy, targets, description, DEFAULT_STRONG_SHARE);
    }

    public enum Strategy {
        ORDERED, WEIGHTED, CHEAPEST, FASTEST, LEAST_BUSY, COMPLEXITY;

        /** "ordered", "weighted", "cheapest", "fastest", "least-busy", "complexity". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
