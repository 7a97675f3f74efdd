package dev.freeport.catalog;

import dev.freeport.api.Usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * {@link PricingEngine}'s arithmetic in {@link BigDecimal}: the reference {@link WholeCost} equals to the
 * nano-unit, and the way for what does not fit in longs (a rate with more than 6 decimals, a product past a long).
 * Exact, unrounded nano-units; the engine rounds half up once per currency.
 */
final class ExactCost {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal NANOS_PER_SCALED = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    private ExactCost() {
    }

    /** The exact cost in nano-units of the sheet's currency. */
    static BigDecimal nanos(PriceSheet sheet, Rates r, Usage usage, BillingFacts f, String region) {
        BigDecimal scaled = tokenCharges(r, sheet.rules(), usage, f);
        scaled = multipliers(scaled, sheet.rules(), region, f);
        scaled = scaled.add(toolFees(sheet.rules(), f));
        if (sheet.perHour() != null && f.latencyMillis() > 0) {
            scaled = scaled.add(sheet.perHour().multiply(BigDecimal.valueOf(f.latencyMillis())).multiply(MILLION)
                    .divide(MILLIS_PER_HOUR, 12, RoundingMode.HALF_UP));
        }
        return scaled.multiply(NANOS_PER_SCALED);
    }

    static long round(BigDecimal nanos) {
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal tokenCharges(Rates r, PriceRules rules, Usage u, BillingFacts f) {
        BigDecimal in = zero(r.input());
        BigDecimal cachedPrice = r.cachedInput() != null ? r.cachedInput() : in;
        long uncached = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheCreationTokens());
        BigDecimal sum = in.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(u.cachedInputTokens())))
                .add(cacheWrites(r, rules, u.cacheCreationTokens(), f));
        BigDecimal out = f.thinking() && r.thinkingOutput() != null ? r.thinkingOutput() : zero(r.output());
        return sum.add(out.multiply(BigDecimal.valueOf(u.outputTokens())));
    }

    /** Cache writes split by TTL as the facts say; what they do not cover is at the default write price. */
    private static BigDecimal cacheWrites(Rates r, PriceRules rules, long written, BillingFacts f) {
        if (written <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal fallback = r.cacheWrite() != null ? r.cacheWrite() : zero(r.input());
        String defaultTtl = rules.defaultCacheTtl();
        if (defaultTtl != null && r.cacheWrites().containsKey(defaultTtl)) {
            fallback = r.cacheWrites().get(defaultTtl);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BillingFacts.CacheWriteShare s : f.cacheWriteShares(written)) {
            BigDecimal p = s.ttl() == null ? null : r.cacheWrites().get(s.ttl().toLowerCase(Locale.ROOT));
            sum = sum.add((p != null ? p : fallback).multiply(BigDecimal.valueOf(s.tokens())));
        }
        return sum;
    }

    /** Batch, then region: the request's own (facts), else the one the target's endpoint fixes (the sheet's). */
    private static BigDecimal multipliers(BigDecimal tokens, PriceRules rules, String region, BillingFacts f) {
        BigDecimal out = tokens;
        if (f.batch() && rules.batch() != null) {
            out = out.multiply(rules.batch());
        }
        BigDecimal m = rules.regionMultiplier(region);
        return m != null ? out.multiply(m) : out;
    }

    private static BigDecimal toolFees(PriceRules rules, BillingFacts f) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, Long> e : f.serverToolCalls().entrySet()) {
            BigDecimal fee = e.getValue() > 0 ? rules.serverTools().get(e.getKey()) : null;
            if (fee != null) {
                sum = sum.add(fee.multiply(BigDecimal.valueOf(e.getValue())).multiply(MILLION));
            }
        }
        return sum;
    }

    private static BigDecimal zero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
