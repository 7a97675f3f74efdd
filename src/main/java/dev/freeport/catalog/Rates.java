package dev.freeport.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One set of token prices, per million tokens, in the entry's currency. Any field may be null, meaning "not set
 * here": {@link #over} fills it from a base set, and the engine falls back as documented in {@link PricingEngine}.
 *
 * @param input          uncached input tokens
 * @param output         output tokens, reasoning included
 * @param cachedInput    input tokens read from the prompt cache
 * @param cacheWrite     input tokens written to the prompt cache at the default TTL
 * @param cacheWrites    cache-write price by TTL ("5m", "1h", "30m", "12h"), overriding {@code cacheWrite}
 * @param thinkingOutput output price when the request ran in thinking mode (vendors that bill it apart, e.g. Qwen)
 */
public record Rates(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                    Map<String, BigDecimal> cacheWrites, BigDecimal thinkingOutput) {

    public static final Rates NONE = new Rates(null, null, null, null, Map.of(), null);

    public Rates {
        cacheWrites = cacheWrites == null ? Map.of() : Map.copyOf(cacheWrites);
    }

    /** Plain token prices (no TTL split, no thinking rate). */
    public static Rates of(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite) {
        return new Rates(input, output, cachedInput, cacheWrite, Map.of(), null);
    }

    /** These rates on top of {@code base}: every field set here wins; TTL prices are merged, these first. */
    public Rates over(Rates base) {
        Map<String, BigDecimal> ttl = new LinkedHashMap<>(base.cacheWrites);
        ttl.putAll(cacheWrites);
        return new Rates(pick(input, base.input), pick(output, base.output), pick(cachedInput, base.cachedInput),
                pick(cacheWrite, base.cacheWrite), ttl, pick(thinkingOutput, base.thinkingOutput));
    }

    private static BigDecimal pick(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }
}
