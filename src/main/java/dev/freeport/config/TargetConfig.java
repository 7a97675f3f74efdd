package dev.freeport.config;

/**
 * A target: a provider and the model name the upstream knows.
 *
 * @param weight used by the WEIGHTED strategy (default 1)
 * @param price  a price for this target only, or null to use overrides/the catalog
 * @param role   for the COMPLEXITY strategy: "light" (easy requests) or "strong" (hard ones); null otherwise
 * @param capabilities overrides of the catalog's capabilities, or null
 */
public record TargetConfig(String provider, String model, int weight, PriceConfig price, String role,
                           CapabilitiesConfig capabilities) {

    public TargetConfig(String provider, String model, int weight, PriceConfig price) {
        this(provider, model, weight, price, null, null);
    }

    public boolean strong() {
        return "strong".equals(role);
    }
}
