package dev.freeport.flow;

import dev.freeport.api.Usage;
import dev.freeport.catalog.BillingFacts;
import dev.freeport.catalog.CostResult;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.PricingEngine;
import dev.freeport.ledger.CostDetail;
import dev.freeport.route.Target;

import java.time.Instant;
import java.util.Map;

/**
 * The cost of what came back, the way the serving target's vendor bills it ({@link PricingEngine} over the target's
 * price sheet): at the time the request was processed (time-of-day windows, dated prices), the prompt's
 * long-context tier, cache reads and writes by TTL, reasoning as output, server-tool calls, converted to USD at the
 * configured rate with the vendor's own amount kept. A target without a price is an unknown cost, never $0.
 */
final class Costs {
    private static final Map<String, Long> NO_TTL_SPLIT = Map.of();

    private Costs() {
    }

    /** The answer's cost; {@code processedAt} is when the serving upstream processed it. */
    static Exchange.Answer answer(Target t, Usage usage, String finishReason, Instant processedAt, long latencyMillis,
                                  FxRates fx) {
        return answer(t, usage, finishReason, processedAt, latencyMillis, fx, false);
    }

    /** As above; {@code batch}: it ran through the vendor's batch API (the catalog's batch rule applies). */
    static Exchange.Answer answer(Target t, Usage usage, String finishReason, Instant processedAt, long latencyMillis,
                                  FxRates fx, boolean batch) {
        if (t == null) {
            return new Exchange.Answer(usage, finishReason, 0, CostDetail.PRICED);
        }
        if (t.sheet() == null) {
            return new Exchange.Answer(usage, finishReason, 0, CostDetail.UNKNOWN);
        }
        BillingFacts facts = BillingFacts.at(processedAt)
                .cacheWrites(usage.cacheWrite1hTokens() > 0 ? Map.of("1h", usage.cacheWrite1hTokens()) : NO_TTL_SPLIT)
                .toolCalls(usage.serverToolCalls())
                .latency(latencyMillis)
                .batch(batch);
        CostResult r = PricingEngine.cost(t.sheet(), usage, facts, fx, false);
        CostDetail detail = switch (r.status()) {
            case PRICED -> r.original() == null ? CostDetail.PRICED
                    : CostDetail.original(r.original().currency(), r.original().nanos(), true);
            case UNCONVERTED -> CostDetail.original(r.original().currency(), r.original().nanos(), false);
            case UNKNOWN -> CostDetail.UNKNOWN;
        };
        return new Exchange.Answer(usage, finishReason, r.status() == CostResult.Status.PRICED ? r.usdNanos() : 0,
                detail);
    }
}
