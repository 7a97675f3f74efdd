package dev.freeport.catalog;

import dev.freeport.api.Usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices one request the way its vendor bills it. Pure: the same sheet, usage and facts always give the same result.
 *
 * <p>Order: (1) the price change in force at the processing time, (2) the long-context tier the prompt falls in (the
 * whole request at that tier's prices), (3) the off-peak window at the processing time (its rates win over a tier's),
 * (4) token charges: uncached input, cache reads (input price if none), cache writes by TTL (TTL price, else the
 * default write price, else input), output with reasoning included (the thinking-mode rate when the request ran in
 * thinking mode and the entry has one), (5) the batch multiplier, (6) the region multiplier, (7) per-call server-tool
 * fees, (8) the per-hour price times latency, (9) conversion to USD at a configured rate. Money is exact
 * ({@link BigDecimal}) and rounded half-up once per currency at the end.
 */
public final class PricingEngine {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal NANOS_PER_SCALED = BigDecimal.valueOf(1000);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    private PricingEngine() {
    }

    /** The cost of a model on a provider from {@code catalog}; {@link CostResult.Status#UNKNOWN} without a price. */
    public static CostResult cost(PriceCatalog catalog, String provider, String model, Usage usage,
                                  BillingFacts facts, FxRates fx) {
        return catalog.sheet(provider, model)
                .map(s -> cost(s, usage, facts, fx))
                .orElseGet(() -> CostResult.unknown("no price in the catalog for " + provider + "/" + model));
    }

    /** The cost of {@code usage} under {@code sheet}; a null sheet is an unknown cost, never zero. */
    public static CostResult cost(PriceSheet sheet, Usage usage, BillingFacts facts, FxRates fx) {
        return cost(sheet, usage, facts, fx, true);
    }

    /**
     * As {@link #cost(PriceSheet, Usage, BillingFacts, FxRates)}; {@code explain} false leaves out the
     * time-dependent lines of {@link CostResult#applied} (formatting the vendor's local time costs more than the
     * price: the request path, which records only the figure, passes false).
     */
    public static CostResult cost(PriceSheet sheet, Usage usage, BillingFacts facts, FxRates fx, boolean explain) {
        if (sheet == null) {
            return CostResult.unknown("no price for this model");
        }
        BillingFacts f = facts == null ? BillingFacts.NONE : facts;
        List<String> applied = new ArrayList<>();
        Rates r = ratesFor(sheet, usage, f, applied, explain);
        BigDecimal scaled = tokenCharges(r, sheet.rules(), usage, f, applied);
        scaled = multipliers(scaled, sheet.rules(), f.region() != null ? f.region() : sheet.region(), f, applied);
        scaled = scaled.add(toolFees(sheet.rules(), f, applied));
        if (sheet.perHour() != null && f.latencyMillis() > 0) {
            scaled = scaled.add(sheet.perHour().multiply(BigDecimal.valueOf(f.latencyMillis())).multiply(MILLION)
                    .divide(MILLIS_PER_HOUR, 12, RoundingMode.HALF_UP));
            applied.add("per hour: " + f.latencyMillis() + " ms");
        }
        BigDecimal exact = scaled.multiply(NANOS_PER_SCALED);
        return settle(sheet.currency(), exact, fx == null ? FxRates.NONE : fx, applied);
    }

    private static Rates ratesFor(PriceSheet sheet, Usage usage, BillingFacts f, List<String> applied,
                                  boolean explain) {
        PriceRules rules = sheet.rules();
        Rates r = sheet.rates();
        Instant t = f.processedAt();
        if (!rules.priceChanges().isEmpty()) {
            if (t == null) {
                applied.add("no processing time: dated price changes not applied");
            } else {
                for (PriceRules.PriceChange c : rules.priceChanges()) {
                    if (c.covers(t)) {
                        r = c.rates().over(r);
                        applied.add("price in force " + c.describe().trim());
                        break;
                    }
                }
            }
        }
        PriceRules.ContextTier tier = rules.tierFor(usage.inputTokens());
        if (tier != null) {
            r = tier.rates().over(r);
            applied.add("long-context tier: prompt " + usage.inputTokens() + " > " + tier.above() + " tokens");
        }
        OffPeak op = rules.offPeak();
        if (op != null) {
            if (t == null) {
                applied.add("no processing time: peak rate");
            } else if (op.isOffPeak(t)) {
                r = op.rates().over(r);
                applied.add(explain ? "off-peak (" + t.atZone(op.zone()).toLocalDateTime() + " " + op.zone() + ")"
                        : "off-peak");
            } else {
                applied.add(explain ? "peak (" + t.atZone(op.zone()).toLocalDateTime() + " " + op.zone() + ")"
                        : "peak");
            }
        }
        return r;
    }

    private static BigDecimal tokenCharges(Rates r, PriceRules rules, Usage u, BillingFacts f, List<String> applied) {
        BigDecimal in = zero(r.input());
        BigDecimal cachedPrice = r.cachedInput() != null ? r.cachedInput() : in;
        long uncached = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheCreationTokens());
        BigDecimal sum = in.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(u.cachedInputTokens())))
                .add(cacheWrites(r, rules, u.cacheCreationTokens(), f, applied));
        BigDecimal out = zero(r.output());
        if (f.thinking() && r.thinkingOutput() != null) {
            out = r.thinkingOutput();
            applied.add("thinking-mode output rate");
        }
        if (u.reasoningTokens() > 0) {
            applied.add("reasoning: " + u.reasoningTokens() + " tokens billed as output");
        }
        return sum.add(out.multiply(BigDecimal.valueOf(u.outputTokens())));
    }

    /** Cache writes split by TTL as the facts say; what they do not cover is at the default write price. */
    private static BigDecimal cacheWrites(Rates r, PriceRules rules, long written, BillingFacts f,
                                          List<String> applied) {
        if (written <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal fallback = r.cacheWrite() != null ? r.cacheWrite() : zero(r.input());
        String defaultTtl = rules.defaultCacheTtl();
        if (defaultTtl != null && r.cacheWrites().containsKey(defaultTtl)) {
            fallback = r.cacheWrites().get(defaultTtl);
        }
        BigDecimal sum = BigDecimal.ZERO;
        long left = written;
        for (Map.Entry<String, Long> e : new TreeMap<>(f.cacheWritesByTtl()).entrySet()) {
            long n = Math.min(left, Math.max(0, e.getValue()));
            if (n == 0) {
                continue;
            }
            BigDecimal p = r.cacheWrites().get(e.getKey().toLowerCase(Locale.ROOT));
            applied.add(p != null ? "cache write " + e.getKey() + ": " + n + " tokens"
                    : "cache write " + e.getKey() + ": no TTL price in the catalog, default write price");
            sum = sum.add((p != null ? p : fallback).multiply(BigDecimal.valueOf(n)));
            left -= n;
        }
        if (left > 0) {
            applied.add("cache write " + (defaultTtl != null ? defaultTtl : "(default TTL)") + ": " + left + " tokens");
            sum = sum.add(fallback.multiply(BigDecimal.valueOf(left)));
        }
        return sum;
    }

    /** Batch, then region: the request's own (facts), else the one the target's endpoint fixes (the sheet's). */
    private static BigDecimal multipliers(BigDecimal tokens, PriceRules rules, String requestRegion, BillingFacts f,
                                          List<String> applied) {
        BigDecimal out = tokens;
        if (f.batch()) {
            if (rules.batch() != null) {
                out = out.multiply(rules.batch());
                applied.add("batch x" + rules.batch().toPlainString());
            } else {
                applied.add("batch: no batch price in the catalog, standard rate");
            }
        }
        String region = requestRegion == null ? null : requestRegion.toLowerCase(Locale.ROOT);
        if (region != null && !region.isBlank() && !region.equals("global")) {
            BigDecimal m = rules.regionMultiplier(region);
            if (m != null) {
                out = out.multiply(m);
                applied.add("region " + region + " x" + m.toPlainString());
            } else {
                applied.add("region " + region + ": no regional price in the catalog");
            }
        }
        return out;
    }

    private static BigDecimal toolFees(PriceRules rules, BillingFacts f, List<String> applied) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, Long> e : new TreeMap<>(f.serverToolCalls()).entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            BigDecimal fee = rules.serverTools().get(e.getKey());
            if (fee == null) {
                applied.add(e.getKey() + ": " + e.getValue() + " calls without a price in the catalog (not charged)");
                continue;
            }
            sum = sum.add(fee.multiply(BigDecimal.valueOf(e.getValue())).multiply(MILLION));
            applied.add(e.getKey() + ": " + e.getValue() + " calls x " + fee.toPlainString());
        }
        return sum;
    }

    private static CostResult settle(String currency, BigDecimal exactNanos, FxRates fx, List<String> applied) {
        if (currency.equalsIgnoreCase(PriceSheet.USD)) {
            return new CostResult(CostResult.Status.PRICED, round(exactNanos), null, null, applied, null);
        }
        CostResult.Money original = new CostResult.Money(currency, round(exactNanos));
        return fx.usdPer(currency)
                .map(rate -> {
                    List<String> a = new ArrayList<>(applied);
                    a.add(currency + " -> USD at " + rate.toPlainString());
                    return new CostResult(CostResult.Status.PRICED, round(exactNanos.multiply(rate)), original, rate,
                            a, null);
                })
                .orElseGet(() -> new CostResult(CostResult.Status.UNCONVERTED, 0, original, null, applied,
                        "no USD rate configured for " + currency));
    }

    private static long round(BigDecimal nanos) {
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal zero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
