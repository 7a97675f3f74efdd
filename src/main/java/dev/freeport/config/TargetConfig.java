package dev.freeport.config;

/**
 * A target: a provider and the model name the upstream knows.
 *
 * @param weight used by the WEIGHTED strategy (default 1)
 * @param price  a price for this target only, or null to use overrides/the catalog
 */
public record TargetConfig(String provider, String model, int weight, PriceConfig price) {
}
