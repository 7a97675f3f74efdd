package dev.freeport.catalog;

import dev.freeport.api.Usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices one request the way its vendor bills it. Pure: the same sheet, usage and facts always give the same result.
 *
 * <p>Order: (1) the price change in force at the processing time, (2) the long-context tier the prompt falls in (the
 * whole request at that tier's prices), (3) the off-peak window at the processing time (its rates win over a tier's),
 * (4) token charges: uncached input, cache reads (input price if none), cache writes by TTL (TTL price, else the
 * default write price, else input), output with reasoning included (the thinking-mode rate when the request ran in
 * thinking mode and the entry has one), (5) the batch multiplier, (6) the region multiplier, (7) per-call server-tool
 * fees, (8) the per-hour price times latency, (9) conversion to USD at a configured rate. Money is exact and rounded
 * half-up once per currency at the end: in longs ({@link WholeCost}: the rates as whole pico-units per token, made
 * once with the price), or in {@link BigDecimal} ({@link ExactCost}) for a figure that does not fit a long.
 */
public final class PricingEngine {

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
     * As {@link #cost(PriceSheet, Usage, BillingFacts, FxRates)}; {@code explain} false leaves {@link
     * CostResult#applied} empty (the request path records only the figure: its lines, the vendor's local time
     * above all, cost more than the price).
     */
    public static CostResult cost(PriceSheet sheet, Usage usage, BillingFacts facts, FxRates fx, boolean explain) {
        return cost(sheet, usage, facts, fx, explain, false);
    }

    /** The BigDecimal way whatever the figures: the reference the integer way is tested against. */
    static CostResult costExact(PriceSheet sheet, Usage usage, BillingFacts facts, FxRates fx) {
        return cost(sheet, usage, facts, fx, true, true);
    }

    private static CostResult cost(PriceSheet sheet, Usage usage, BillingFacts facts, FxRates fx, boolean explain,
                                   boolean exact) {
        if (sheet == null) {
            return CostResult.unknown("no price for this model");
        }
        BillingFacts f = facts == null ? BillingFacts.NONE : facts;
        FxRates rates = fx == null ? FxRates.NONE : fx;
        List<String> applied = explain ? new ArrayList<>() : null;
        Rates r = ratesFor(sheet, usage, f, applied);
        String region = f.region() != null ? f.region() : sheet.region();
        if (applied != null) {
            CostNotes.describe(sheet, r, usage, f, region, applied);
        }
        CostResult whole = exact ? null : whole(sheet, r, usage, f, region, rates, applied);
        if (whole != null) {
            return whole;
        }
        BigDecimal nanos = ExactCost.nanos(sheet, r, usage, f, region);
        BigDecimal rate = rates.rate(sheet.currency());
        return settle(sheet.currency(), ExactCost.round(nanos),
                rate == null ? 0 : ExactCost.round(nanos.multiply(rate)), rate, applied);
    }

    /** The integer way; null when a figure does not fit a long. */
    private static CostResult whole(PriceSheet sheet, Rates r, Usage usage, BillingFacts f, String region,
                                    FxRates fx, List<String> applied) {
        long exact = WholeCost.exact(sheet, r, usage, f, region);
        int decimals = WholeCost.decimals(sheet, f, region);
        long nanos = WholeCost.nanos(exact, decimals);
        if (nanos < 0) {
            return null;
        }
        if (sheet.currency().equalsIgnoreCase(PriceSheet.USD)) {
            return settle(PriceSheet.USD, nanos, nanos, BigDecimal.ONE, applied);
        }
        Fixed rate = fx.fixedPer(sheet.currency());
        if (rate == null) {
            return settle(sheet.currency(), nanos, 0, null, applied);
        }
        long usd = WholeCost.nanos(exact, decimals, rate);
        return usd < 0 ? null : settle(sheet.currency(), nanos, usd, fx.rate(sheet.currency()), applied);
    }

    /** The rates in force: the dated change, then the long-context tier, then the off-peak window. */
    private static Rates ratesFor(PriceSheet sheet, Usage usage, BillingFacts f, List<String> applied) {
        PriceRules rules = sheet.rules();
        Rates r = sheet.rates();
        Instant t = f.processedAt();
        if (!rules.priceChanges().isEmpty()) {
            if (t == null) {
                note(applied, "no processing time: dated price changes not applied");
            } else {
                for (PriceRules.PriceChange c : rules.priceChanges()) {
                    if (c.covers(t)) {
                        r = c.rates().over(r);
                        if (applied != null) {
                            applied.add("price in force " + c.describe().trim());
                        }
                        break;
                    }
                }
            }
        }
        PriceRules.ContextTier tier = rules.tierFor(usage.inputTokens());
        if (tier != null) {
            r = tier.rates().over(r);
            if (applied != null) {
                applied.add("long-context tier: prompt " + usage.inputTokens() + " > " + tier.above() + " tokens");
            }
        }
        OffPeak op = rules.offPeak();
        if (op != null) {
            if (t == null) {
                note(applied, "no processing time: peak rate");
            } else {
                boolean off = op.isOffPeak(t);
                r = off ? op.rates().over(r) : r;
                if (applied != null) {
                    applied.add((off ? "off-peak (" : "peak (") + t.atZone(op.zone()).toLocalDateTime() + " "
                            + op.zone() + ")");
                }
            }
        }
        return r;
    }

    private static void note(List<String> applied, String line) {
        if (applied != null) {
            applied.add(line);
        }
    }

    /**
     * The result in the sheet's currency: USD as it is; another currency converted at {@code rate} ({@code usd};
     * a null rate: unconverted), with the vendor's own amount kept.
     */
    private static CostResult settle(String currency, long nanos, long usd, BigDecimal rate, List<String> applied) {
        List<String> lines = applied == null ? List.of() : applied;
        if (currency.equalsIgnoreCase(PriceSheet.USD)) {
            return new CostResult(CostResult.Status.PRICED, nanos, null, null, lines, null);
        }
        CostResult.Money original = new CostResult.Money(currency, nanos);
        if (rate == null) {
            return new CostResult(CostResult.Status.UNCONVERTED, 0, original, null, lines,
                    "no USD rate configured for " + currency);
        }
        if (applied != null) {
            applied.add(currency + " -> USD at " + rate.toPlainString());
        }
        return new CostResult(CostResult.Status.PRICED, usd, original, rate, lines, null);
    }
}
