package dev.freeport.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of token prices as whole pico-units of the entry's currency per token (units per million tokens × 10^6:
 * exact for a rate of up to 6 decimals), made once where a {@link ModelPrice} or {@link Rates} is made, so that
 * pricing an answer and a budget's bound multiply longs. Each rate is a non-negative long, {@link #UNSET} (the
 * decimal was null: the fallbacks of {@link PricingEngine} apply) or {@link #INEXACT} (negative, more than 6
 * decimals or past a long: a price using it goes the BigDecimal way). {@code perHour} is pico-units per hour (exact
 * up to 12 decimals).
 *
 * @param cacheWrites cache-write rates by TTL, as {@link Rates#cacheWrites}
 */
public record TokenPrice(long input, long output, long cachedInput, long cacheWrite, long thinkingOutput,
                         long perHour, Map<String, Long> cacheWrites) {

    /** The decimal was null. */
    public static final long UNSET = -1;
    /** The decimal has no exact whole form: the BigDecimal way. */
    public static final long INEXACT = -2;
    static final int PER_TOKEN_DECIMALS = 6;
    static final int PER_UNIT_DECIMALS = 12;

    public TokenPrice {
        cacheWrites = Map.copyOf(cacheWrites);
    }

    /** The rates of a plain price ({@link ModelPrice}). */
    static TokenPrice of(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                         BigDecimal perHour) {
        return new TokenPrice(perToken(input), perToken(output), perToken(cachedInput), perToken(cacheWrite), UNSET,
                Longs.scaled(perHour, PER_UNIT_DECIMALS, UNSET, INEXACT), Map.of());
    }

    /** The rates of a {@link Rates}. */
    static TokenPrice of(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                         Map<String, BigDecimal> cacheWrites, BigDecimal thinkingOutput) {
        Map<String, Long> ttl = new HashMap<>();
        cacheWrites.forEach((k, v) -> ttl.put(k, perToken(v)));
        return new TokenPrice(perToken(input), perToken(output), perToken(cachedInput), perToken(cacheWrite),
                perToken(thinkingOutput), UNSET, ttl);
    }

    /** Units per million tokens as pico-units per token, {@link #UNSET} or {@link #INEXACT}. */
    static long perToken(BigDecimal perMTok) {
        return Longs.scaled(perMTok, PER_TOKEN_DECIMALS, UNSET, INEXACT);
    }

    /** These rates over {@code base}, field by field as {@link Rates#over}: set here wins. */
    public TokenPrice over(TokenPrice base) {
        Map<String, Long> ttl = cacheWrites;
        if (!base.cacheWrites.isEmpty()) {
            Map<String, Long> m = new HashMap<>(base.cacheWrites);
            m.putAll(cacheWrites);
            ttl = m;
        }
        return new TokenPrice(pick(input, base.input), pick(output, base.output), pick(cachedInput, base.cachedInput),
                pick(cacheWrite, base.cacheWrite), pick(thinkingOutput, base.thinkingOutput),
                pick(perHour, base.perHour), ttl);
    }

    private static long pick(long a, long b) {
        return a != UNSET ? a : b;
    }

    /** The input rate (unset: 0). */
    long in() {
        return input == UNSET ? 0 : input;
    }

    /** The cache-read rate (unset: the input rate). */
    long cachedIn() {
        return cachedInput == UNSET ? in() : cachedInput;
    }

    /** The cache-write rate at the default TTL (unset: the input rate). */
    long written() {
        return cacheWrite == UNSET ? in() : cacheWrite;
    }

    /** The output rate (unset: 0). */
    long out() {
        return output == UNSET ? 0 : output;
    }

    /**
     * Pico-units for these token counts: uncached input, cache reads and cache writes at {@link #cachedIn} and
     * {@link #written}, output; {@link Longs#NO} when a rate used is inexact, a count negative or the sum past a
     * long.
     */
    long picos(long uncached, long cached, long written, long output) {
        long sum = Longs.mul(in(), uncached);
        sum = Longs.add(sum, Longs.mul(cachedIn(), cached));
        sum = Longs.add(sum, Longs.mul(written(), written));
        return Longs.add(sum, Longs.mul(out(), output));
    }

    /**
     * What these rates bill for the token counts, in nano-units rounded half up once ({@code PriceCatalog.costNanos}
     * to the nano-dollar); -1 when that needs the BigDecimal way (an inexact rate, a negative count, past a long).
     */
    public long nanos(long uncached, long cached, long written, long output) {
        return Longs.roundHalfUp(picos(uncached, cached, written, output), 3);
    }
}
