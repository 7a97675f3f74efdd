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
 * @param picos          the same rates as whole pico-units per token ({@link TokenPrice}); null: derived from the
 *                       decimals (every caller but {@link #over}, which merges them as it merges the decimals)
 */
public record Rates(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                    Map<String, BigDecimal> cacheWrites, BigDecimal thinkingOutput, TokenPrice picos) {

    public static final Rates NONE = new Rates(null, null, null, null, Map.of(), null);

    public Rates {
        cacheWrites = cacheWrites == null ? Map.of() : Map.copyOf(cacheWrites);
        if (picos == null) {
            picos = TokenPrice.of(input, output, cachedInput, cacheWrite, cacheWrites, thinkingOutput);
        }
    }

    public Rates(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
                 Map<String, BigDecimal> cacheWrites, BigDecimal thinkingOutput) {
        this(input, output, cachedInput, cacheWrite, cacheWrites, thinkingOutput, null);
    }

    /** Plain token prices (no TTL split, no thinking rate). */
    public static Rates of(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite) {
        return new Rates(input, output, cachedInput, cacheWrite, Map.of(), null);
    }

    /** These rates on top of {@code base}: every field set here wins; TTL prices are merged, these first. */
    public Rates over(Rates base) {
        Map<String, BigDecimal> ttl = cacheWrites;
        if (!base.cacheWrites.isEmpty()) {
            ttl = new LinkedHashMap<>(base.cacheWrites);
            ttl.putAll(cacheWrites);
        }
        return new Rates(pick(input, base.input), pick(output, base.output), pick(cachedInput, base.cachedInput),
                pick(cacheWrite, base.cacheWrite), ttl, pick(thinkingOutput, base.thinkingOutput),
                picos.over(base.picos));
    }

    private static BigDecimal pick(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }
}
