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
 * @param match       name patterns ({@code *} = any characters, case-insensitive) of other model names that route
 *                    here, e.g. {@code claude-*} for the names an agent sends; tried in config order after exact names
 * @param isDefault   this alias serves any model name that matches nothing else
 * @param shadow      shadow traffic to candidate aliases (the migration lab), or null
 * @param capture     requests kept for replay (the migration lab), or null
 * @param cache       the alias's response cache (docs/CACHE.md), or null: no cache
 * @param canary      the thresholds a canary of this alias is watched with, or null for the defaults
 */
public record ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                          double strongShare, AliasFallbacks fallbacks, List<String> match,
                          boolean isDefault, ShadowConfig shadow, CaptureConfig capture, CacheConfig cache,
                          CanaryConfig canary) {

    public static final double DEFAULT_STRONG_SHARE = 0.2;
    /** A provider wildcard's name ends so: {@code deepseek/*} takes any {@code deepseek/<model>}. */
    public static final String WILDCARD_SUFFIX = "/*";

    public ModelConfig {
        fallbacks = fallbacks == null ? AliasFallbacks.NONE : fallbacks;
        match = match == null ? List.of() : List.copyOf(match);
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                       double strongShare, AliasFallbacks fallbacks, List<String> match, boolean isDefault,
                       ShadowConfig shadow, CaptureConfig capture) {
        this(name, strategy, targets, description, strongShare, fallbacks, match, isDefault, shadow, capture, null, null);
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                       double strongShare, AliasFallbacks fallbacks, List<String> match, boolean isDefault) {
        this(name, strategy, targets, description, strongShare, fallbacks, match, isDefault, null, null);
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description,
                       double strongShare) {
        this(name, strategy, targets, description, strongShare, null, List.of(), false);
    }

    public ModelConfig(String name, Strategy strategy, List<TargetConfig> targets, String description) {
        this(name, strategy, targets, description, DEFAULT_STRONG_SHARE);
    }

    /**
     * A provider wildcard ({@code name: "deepseek/*"}): any requested name with that prefix routes here, and a
     * {@code *} in a target's model is replaced by the rest of the requested name (LiteLLM's {@code provider/*}).
     */
    public boolean wildcard() {
        return name.endsWith(WILDCARD_SUFFIX);
    }

    public enum Strategy {
        ORDERED, WEIGHTED, CHEAPEST, FASTEST, LEAST_BUSY, COMPLEXITY;

        /** "ordered", "weighted", "cheapest", "fastest", "least-busy", "complexity". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
