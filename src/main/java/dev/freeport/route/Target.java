package dev.freeport.route;

import dev.freeport.api.Timeouts;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.provider.Provider;

/**
 * One place an alias can be served from: a provider and the model name the upstream knows, with its weight,
 * its price (null when unknown: cost 0), its circuit breaker and its profile (vendor, jurisdiction, trust,
 * capabilities).
 */
public record Target(Provider provider, String upstreamModel, int weight, ModelPrice price, Timeouts timeouts,
                     CircuitBreaker breaker, TargetProfile profile, TargetStats stats) {

    /** "provider/model", as shown in errors and explanations. */
    public String label() {
        return provider.name() + "/" + upstreamModel;
    }
}
