package dev.freeport.limits;

import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.api.Usage;

import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A budget's bound on a request's cost in integer arithmetic: a price's input and output rates as whole pico-dollars
 * per token (USD per million tokens × 10^6, exact for rates of up to 6 decimals), made once per price object and
 * kept, so that a reservation multiplies two longs instead of building BigDecimals on every request. The result is
 * {@link PriceCatalog#costNanos}'s to the nano-dollar (both are exact sums rounded half up once). A price it cannot
 * hold exactly (more decimals, a negative rate) or a product past a long goes the BigDecimal way.
 *
 * <p>Besides the work, this keeps the admission path small for the JIT: with the in-process counters answering
 * synchronously the policies' {@code before} halves compile into one unit, and the pricing's BigDecimal code inside
 * the loop over the reachable targets made that one compilation take 64-109 MB of C heap (BENCHMARKS.md,
 * "Memory").
 */
final class TokenRates {
    /** prices known at once past this: start over (a config holds dozens; each reload makes new ones) */
    static final int MAX_PRICES = 4096;
    private static final long PICOS_PER_NANO = 1000;
    /** the BigDecimal way for this price */
    private static final long[] INEXACT = new long[0];

    /** copied on write: read without a lock on every request, written once per price */
    private volatile Map<ModelPrice, long[]> known = new IdentityHashMap<>();

    /** What {@code price} bills for {@code inputTokens} and {@code outputTokens}, in nano-dollars. */
    long costNanos(ModelPrice price, long inputTokens, long outputTokens) {
        long[] r = known.get(price);
        if (r == null) {
            r = add(price);
        }
        if (r != INEXACT && inputTokens >= 0 && outputTokens >= 0) {
            long in = Math.multiplyHigh(r[0], inputTokens) == 0 ? r[0] * inputTokens : -1;
            long out = Math.multiplyHigh(r[1], outputTokens) == 0 ? r[1] * outputTokens : -1;
            if (in >= 0 && out >= 0 && in <= Long.MAX_VALUE - PICOS_PER_NANO - out) {
                return (in + out + PICOS_PER_NANO / 2) / PICOS_PER_NANO;
            }
        }
        return PriceCatalog.costNanos(price, Usage.of(inputTokens, outputTokens), 0);
    }

    private synchronized long[] add(ModelPrice price) {
        long[] r = known.get(price);
        if (r == null) {
            r = exact(price);
            Map<ModelPrice, long[]> next = known.size() >= MAX_PRICES ? new IdentityHashMap<>()
                    : new IdentityHashMap<>(known);
            next.put(price, r);
            known = next;
        }
        return r;
    }

    /** {input, output} pico-dollars per token, or {@link #INEXACT}. */
    static long[] exact(ModelPrice price) {
        long in = picosPerToken(price.inputPerMTok());
        long out = picosPerToken(price.outputPerMTok());
        return in < 0 || out < 0 ? INEXACT : new long[] {in, out};
    }

    /** USD per million tokens as pico-dollars per token; -1 when that is not a whole non-negative long. */
    private static long picosPerToken(BigDecimal usdPerMTok) {
        if (usdPerMTok == null) {
            return 0;
        }
        if (usdPerMTok.signum() < 0) {
            return -1;
        }
        try {
            return usdPerMTok.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            return -1; // more than 6 decimals, or too large
        }
    }
}
