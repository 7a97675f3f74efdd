package dev.freeport.route;

import dev.freeport.api.Timeouts;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceSheet;
import dev.freeport.provider.Provider;

/**
 * One place an alias can be served from: a provider and the model name the upstream knows, with its weight,
 * its price (the plain USD price budgets and the planner use; null when unknown), how the vendor bills it
 * ({@code sheet}: rules and currency for the ledger's cost; null when unknown: the cost is recorded as unknown),
 * its circuit breaker and its profile (vendor, jurisdiction, trust, capabilities), and its {@code label},
 * "provider/model" as shown in errors, explanations and the ledger's route (made once: it is written several times
 * per request).
 */
public record Target(Provider provider, String upstreamModel, int weight, ModelPrice price, Timeouts timeouts,
                     CircuitBreaker breaker, TargetProfile profile, TargetStats stats, PriceSheet sheet,
                     String label) {

    public Target(Provider provider, String upstreamModel, int weight, ModelPrice price, Timeouts timeouts,
                  CircuitBreaker breaker, TargetProfile profile, TargetStats stats, PriceSheet sheet) {
        this(provider, upstreamModel, weight, price, timeouts, breaker, profile, stats, sheet,
                provider == null ? null : provider.name() + "/" + upstreamModel);
    }

    /** Without a price sheet: the ledger prices it by {@code price} as a plain sheet. */
    public Target(Provider provider, String upstreamModel, int weight, ModelPrice price, Timeouts timeouts,
                  CircuitBreaker breaker, TargetProfile profile, TargetStats stats) {
        this(provider, upstreamModel, weight, price, timeouts, breaker, profile, stats,
                price == null ? null : PriceSheet.of(price));
    }
}
