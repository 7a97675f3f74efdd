package dev.freeport.catalog;

import dev.freeport.api.Usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The human-readable lines of {@link CostResult#applied} for what shaped a figure after the rates were chosen:
 * cache writes by TTL, the thinking-mode rate, reasoning, batch, region, server-tool fees, the per-hour charge. Only
 * written when a caller asks for them ({@code explain}); the request path records the figure alone.
 */
final class CostNotes {

    private CostNotes() {
    }

    static void describe(PriceSheet sheet, Rates r, Usage u, BillingFacts f, String region, List<String> applied) {
        PriceRules rules = sheet.rules();
        cacheWrites(r, rules, u.cacheCreationTokens(), f, applied);
        if (f.thinking() && r.thinkingOutput() != null) {
            applied.add("thinking-mode output rate");
        }
        if (u.reasoningTokens() > 0) {
            applied.add("reasoning: " + u.reasoningTokens() + " tokens billed as output");
        }
        multipliers(rules, region, f, applied);
        toolFees(rules, f, applied);
        if (sheet.perHour() != null && f.latencyMillis() > 0) {
            applied.add("per hour: " + f.latencyMillis() + " ms");
        }
    }

    private static void cacheWrites(Rates r, PriceRules rules, long written, BillingFacts f, List<String> applied) {
        String defaultTtl = rules.defaultCacheTtl();
        for (BillingFacts.CacheWriteShare s : f.cacheWriteShares(written)) {
            if (s.ttl() == null) {
                applied.add("cache write " + (defaultTtl != null ? defaultTtl : "(default TTL)") + ": " + s.tokens()
                        + " tokens");
            } else if (r.cacheWrites().get(s.ttl().toLowerCase(Locale.ROOT)) != null) {
                applied.add("cache write " + s.ttl() + ": " + s.tokens() + " tokens");
            } else {
                applied.add("cache write " + s.ttl() + ": no TTL price in the catalog, default write price");
            }
        }
    }

    private static void multipliers(PriceRules rules, String requestRegion, BillingFacts f, List<String> applied) {
        if (f.batch()) {
            applied.add(rules.batch() != null ? "batch x" + rules.batch().toPlainString()
                    : "batch: no batch price in the catalog, standard rate");
        }
        String region = requestRegion == null ? null : requestRegion.toLowerCase(Locale.ROOT);
        if (region != null && !region.isBlank() && !region.equals("global")) {
            BigDecimal m = rules.regionMultiplier(region);
            applied.add(m != null ? "region " + region + " x" + m.toPlainString()
                    : "region " + region + ": no regional price in the catalog");
        }
    }

    private static void toolFees(PriceRules rules, BillingFacts f, List<String> applied) {
        for (Map.Entry<String, Long> e : new TreeMap<>(f.serverToolCalls()).entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            BigDecimal fee = rules.serverTools().get(e.getKey());
            applied.add(fee == null ? e.getKey() + ": " + e.getValue() + " calls without a price in the catalog (not charged)"
                    : e.getKey() + ": " + e.getValue() + " calls x " + fee.toPlainString());
        }
    }
}
