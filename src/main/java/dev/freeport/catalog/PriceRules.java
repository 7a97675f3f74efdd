package dev.freeport.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a vendor bills one model beyond its base token prices. Every part is optional (empty or null = not used).
 *
 * @param contextTiers    higher prices for the whole request once its prompt exceeds a size
 * @param offPeak         a time-of-day rule (DeepSeek)
 * @param priceChanges    prices in force over a period (a launch price, a promotion, a scheduled rise)
 * @param batch           multiplier on token charges for batch requests (0.5 = half price); null: no batch price
 * @param serverTools     per-call fee by server tool ("web_search", "web_fetch", "google_search"), entry currency
 * @param regions         multiplier on token charges by processing region ("us"; "*" = any explicit region)
 * @param defaultCacheTtl the TTL of cache writes that the usage does not split by TTL ("5m", "30m")
 * @param fixed           the multipliers and fees as longs, derived from the decimals when the rules are made
 *                        (whatever is passed)
 */
public record PriceRules(List<ContextTier> contextTiers, OffPeak offPeak, List<PriceChange> priceChanges,
                         BigDecimal batch, Map<String, BigDecimal> serverTools, Map<String, BigDecimal> regions,
                         String defaultCacheTtl, Whole fixed) {

    public static final PriceRules NONE = new PriceRules(List.of(), null, List.of(), null, Map.of(), Map.of(), null);

    public PriceRules {
        contextTiers = contextTiers == null ? List.of()
                : contextTiers.stream().sorted(Comparator.comparingLong(ContextTier::above)).toList();
        priceChanges = priceChanges == null ? List.of() : List.copyOf(priceChanges);
        serverTools = serverTools == null ? Map.of() : Map.copyOf(serverTools);
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        fixed = Whole.of(batch, serverTools, regions);
    }

    public PriceRules(List<ContextTier> contextTiers, OffPeak offPeak, List<PriceChange> priceChanges,
                      BigDecimal batch, Map<String, BigDecimal> serverTools, Map<String, BigDecimal> regions,
                      String defaultCacheTtl) {
        this(contextTiers, offPeak, priceChanges, batch, serverTools, regions, defaultCacheTtl, null);
    }

    /**
     * The rules' decimals as longs for the engine's integer way: the batch and region multipliers as
     * {@link Fixed}, each server tool's fee per call as pico-units ({@link TokenPrice#INEXACT} when it does not fit).
     */
    public record Whole(Fixed batch, Map<String, Long> toolPicos, Map<String, Fixed> regions) {

        static Whole of(BigDecimal batch, Map<String, BigDecimal> serverTools, Map<String, BigDecimal> regions) {
            Map<String, Long> tools = new java.util.HashMap<>();
            serverTools.forEach((k, v) -> tools.put(k, Longs.scaled(v, TokenPrice.PER_UNIT_DECIMALS,
                    TokenPrice.INEXACT, TokenPrice.INEXACT)));
            Map<String, Fixed> r = new java.util.HashMap<>();
            regions.forEach((k, v) -> r.put(k, Fixed.of(v)));
            return new Whole(Fixed.of(batch), Map.copyOf(tools), Map.copyOf(r));
        }
    }

    /** Prices for a request whose prompt (input tokens, cached and cache writes included) is above {@code above}. */
    public record ContextTier(long above, Rates rates) {
    }

    /** Prices in force for requests processed in [from, until); a null bound is open. */
    public record PriceChange(Instant from, Instant until, Rates rates) {

        public boolean covers(Instant t) {
            return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
        }

        String describe() {
            return (from == null ? "" : "from " + from + " ") + (until == null ? "" : "until " + until);
        }
    }

    /**
     * The multiplier on token charges for requests processed in {@code region} ("EU", "us"; any case): its own, else
     * the one for any explicit region ("*"); null for no region (global, blank, null) or when the entry has none.
     */
    public BigDecimal regionMultiplier(String region) {
        String r = region == null ? null : region.toLowerCase(java.util.Locale.ROOT);
        if (r == null || r.isBlank() || r.equals("global")) {
            return null;
        }
        return regions.containsKey(r) ? regions.get(r) : regions.get("*");
    }

    /** {@link #regionMultiplier} as a {@link Fixed} (null for none; {@link Fixed#INEXACT} when it does not fit). */
    Fixed regionFixed(String region) {
        String r = region == null ? null : region.toLowerCase(java.util.Locale.ROOT);
        if (r == null || r.isBlank() || r.equals("global")) {
            return null;
        }
        Fixed m = fixed.regions().get(r);
        return m != null ? m : fixed.regions().get("*");
    }

    /** The highest tier the prompt is above, or null. */
    ContextTier tierFor(long promptTokens) {
        ContextTier hit = null;
        for (ContextTier t : contextTiers) {
            if (promptTokens > t.above()) {
                hit = t;
            }
        }
        return hit;
    }
}
