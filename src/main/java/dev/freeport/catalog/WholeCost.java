package dev.freeport.catalog;

import dev.freeport.api.Usage;

import java.util.Locale;
import java.util.Map;

/**
 * {@link PricingEngine}'s arithmetic in longs: the token charges in pico-units (the rates' {@link TokenPrice}), the
 * batch and region multipliers as whole numbers with a count of decimals ({@link Fixed}), the server-tool fees and
 * the per-hour charge (rounded to 10^-18 units, as the BigDecimal way rounds it), then one half-up rounding to
 * nano-units, and one more for the exchange rate: exactly {@link ExactCost}'s figures. Any figure that does not fit
 * (an inexact rate, a negative count, a product past a long) makes {@link #nanos} answer {@link Longs#NO}, and
 * the engine goes the BigDecimal way. Allocates nothing for an answer without TTL-split cache writes.
 */
final class WholeCost {
    /** pico-units (10^-12) to atto-units (10^-18) */
    private static final int PICO_TO_ATTO = 6;
    /** pico-units to nano-units */
    private static final int PICO_TO_NANO = 3;

    private WholeCost() {
    }

    /**
     * The exact cost as a whole number of 10^-(12 + {@link #decimals}) units; {@link Longs#NO} when it does not
     * fit.
     */
    static long exact(PriceSheet sheet, Rates r, Usage u, BillingFacts f, String region) {
        PriceRules rules = sheet.rules();
        long num = tokens(r.picos(), rules, u, f);
        int e = 0;
        if (batched(rules, f)) {
            Fixed b = rules.fixed().batch();
            num = Longs.mul(num, b.unscaled());
            e += b.scale();
        }
        Fixed m = rules.regionFixed(region);
        if (m != null) {
            num = Longs.mul(num, m.unscaled());
            e += m.scale();
        }
        if (!f.serverToolCalls().isEmpty()) {
            num = Longs.add(num, Longs.mul(toolFees(rules, f), Longs.pow10(e)));
        }
        if (hourly(sheet, f)) {
            // perHour × latency / 3,600,000 ms, in 10^-18 units: pico-units per hour × ms × 10 / 36
            long atto = Longs.divHalfUp(Longs.mul(Longs.mul(sheet.perHourPicos(), f.latencyMillis()), 10), 36);
            if (e < PICO_TO_ATTO) {
                num = Longs.mul(num, Longs.pow10(PICO_TO_ATTO - e));
                e = PICO_TO_ATTO;
            }
            num = Longs.add(num, Longs.mul(atto, Longs.pow10(e - PICO_TO_ATTO)));
        }
        return num;
    }

    /** The decimals of {@link #exact}'s figure beyond pico-units: the multipliers', at least 6 with a per-hour price. */
    static int decimals(PriceSheet sheet, BillingFacts f, String region) {
        PriceRules rules = sheet.rules();
        int e = batched(rules, f) ? rules.fixed().batch().scale() : 0;
        Fixed m = rules.regionFixed(region);
        e += m != null ? m.scale() : 0;
        return hourly(sheet, f) ? Math.max(e, PICO_TO_ATTO) : e;
    }

    private static boolean batched(PriceRules rules, BillingFacts f) {
        return f.batch() && rules.batch() != null;
    }

    private static boolean hourly(PriceSheet sheet, BillingFacts f) {
        return sheet.perHour() != null && f.latencyMillis() > 0;
    }

    /** {@code exact} (in 10^-(12 + decimals) units) as nano-units, rounded half up; {@link Longs#NO} if it fails. */
    static long nanos(long exact, int decimals) {
        return Longs.roundHalfUp(exact, decimals + PICO_TO_NANO);
    }

    /** {@code exact} converted at {@code rate} as nano-units, rounded half up; {@link Longs#NO} if it fails. */
    static long nanos(long exact, int decimals, Fixed rate) {
        return Longs.roundHalfUp(Longs.mul(exact, rate.unscaled()), decimals + PICO_TO_NANO + rate.scale());
    }

    /** Uncached input, cache reads, cache writes by TTL, output (thinking-mode rate if it applies), in pico-units. */
    private static long tokens(TokenPrice p, PriceRules rules, Usage u, BillingFacts f) {
        long uncached = Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheCreationTokens());
        long sum = Longs.add(Longs.mul(p.in(), uncached), Longs.mul(p.cachedIn(), u.cachedInputTokens()));
        sum = Longs.add(sum, cacheWrites(p, rules, u.cacheCreationTokens(), f));
        long out = f.thinking() && p.thinkingOutput() != TokenPrice.UNSET ? p.thinkingOutput() : p.out();
        return Longs.add(sum, Longs.mul(out, u.outputTokens()));
    }

    /** As {@link ExactCost}: the facts' TTLs in name order, the rest at the default write price. */
    private static long cacheWrites(TokenPrice p, PriceRules rules, long written, BillingFacts f) {
        if (written <= 0) {
            return 0;
        }
        long fallback = p.written();
        String defaultTtl = rules.defaultCacheTtl();
        if (defaultTtl != null && p.cacheWrites().containsKey(defaultTtl)) {
            fallback = p.cacheWrites().get(defaultTtl);
        }
        if (f.cacheWritesByTtl().isEmpty()) {
            return Longs.mul(fallback, written);
        }
        long sum = 0;
        for (BillingFacts.CacheWriteShare s : f.cacheWriteShares(written)) {
            Long ttl = s.ttl() == null ? null : p.cacheWrites().get(s.ttl().toLowerCase(Locale.ROOT));
            sum = Longs.add(sum, Longs.mul(ttl != null ? ttl : fallback, s.tokens()));
        }
        return sum;
    }

    /** The server-tool calls at their fees per call, in pico-units; tools without a fee are not charged. */
    private static long toolFees(PriceRules rules, BillingFacts f) {
        long sum = 0;
        for (Map.Entry<String, Long> e : f.serverToolCalls().entrySet()) {
            Long fee = e.getValue() > 0 ? rules.fixed().toolPicos().get(e.getKey()) : null;
            if (fee != null) {
                sum = Longs.add(sum, Longs.mul(fee, e.getValue()));
            }
        }
        return sum;
    }
}
