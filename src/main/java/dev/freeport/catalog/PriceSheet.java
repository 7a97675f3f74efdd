package dev.freeport.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Everything needed to price one model the way its vendor bills it: base rates, billing rules and the currency the
 * vendor bills in. {@link PriceCatalog#sheet} builds it from the catalog; {@link #of} from a plain price.
 *
 * @param currency  ISO code of the prices ("USD", "CNY"); non-USD amounts are converted by {@link FxRates}
 * @param rates     the base token prices
 * @param rules     the billing rules ({@link PriceRules#NONE} for a plain price)
 * @param perHour   a self-hosted target priced by the hour, or null
 * @param source    the page the prices were read on ("config" for a configured price)
 * @param asOf      when they were read
 * @param verified  whether the numbers were read on the vendor's own page
 * @param note      caveats, or null
 * @param region    where the target's requests are processed when its endpoint fixes it (a cloud's in-region or
 *                  geographic endpoint: "US", "EU", "DE", as {@link CloudRegions#processingRegion} says), or null
 *                  (global, or not known); the entry's {@link PriceRules#regions} multiplier applies to it
 * @param aliasOf   for a deprecated or legacy name, the model that serves it (whose prices these are), else null;
 *                  such a sheet is verified only when both its target's prices and the mapping itself are
 * @param perHourPicos {@code perHour} as whole pico-units per hour ({@link TokenPrice#UNSET} without one,
 *                  {@link TokenPrice#INEXACT} past 12 decimals), derived when the sheet is made (whatever is passed)
 */
public record PriceSheet(String provider, String model, String currency, Rates rates, PriceRules rules,
                         BigDecimal perHour, String source, LocalDate asOf, boolean verified, String note,
                         String region, String aliasOf, long perHourPicos) {

    public static final String USD = "USD";

    public PriceSheet {
        currency = currency == null ? USD : currency;
        rules = rules == null ? PriceRules.NONE : rules;
        rates = rates == null ? Rates.NONE : rates;
        perHourPicos = Longs.scaled(perHour, TokenPrice.PER_UNIT_DECIMALS, TokenPrice.UNSET, TokenPrice.INEXACT);
    }

    public PriceSheet(String provider, String model, String currency, Rates rates, PriceRules rules,
                      BigDecimal perHour, String source, LocalDate asOf, boolean verified, String note,
                      String region, String aliasOf) {
        this(provider, model, currency, rates, rules, perHour, source, asOf, verified, note, region, aliasOf, 0);
    }

    /** A sheet for any region (no region fixed by the endpoint). */
    public PriceSheet(String provider, String model, String currency, Rates rates, PriceRules rules,
                      BigDecimal perHour, String source, LocalDate asOf, boolean verified, String note) {
        this(provider, model, currency, rates, rules, perHour, source, asOf, verified, note, null, null);
    }

    /** The same sheet for requests processed in {@code processingRegion} (null: global). */
    public PriceSheet inRegion(String processingRegion) {
        return new PriceSheet(provider, model, currency, rates, rules, perHour, source, asOf, verified, note,
                processingRegion, aliasOf);
    }

    /**
     * What the region this sheet's endpoint fixes adds to its token charges ({@link PriceRules#regionMultiplier}):
     * e.g. 1.1 for Claude on a Bedrock {@code eu.} profile; 1 when none (global, not known, or no regional price).
     */
    public BigDecimal regionMultiplier() {
        BigDecimal m = rules.regionMultiplier(region);
        return m == null ? BigDecimal.ONE : m;
    }

    /** {@link #regionMultiplier} as a {@link Fixed}: null when none applies. */
    public Fixed regionFixed() {
        return rules.regionFixed(region);
    }

    /** A plain USD price (a configured price, or a catalog price without rules). */
    public static PriceSheet of(ModelPrice p) {
        return new PriceSheet(p.provider(), p.model(), USD,
                Rates.of(p.inputPerMTok(), p.outputPerMTok(), p.cachedInputPerMTok(), p.cacheWritePerMTok()),
                PriceRules.NONE, p.perHour(), p.source(), p.asOf(), false, null);
    }

    /**
     * This sheet under a deprecated name that this model serves: its prices, verified only when they are and the
     * mapping ({@code mappingVerified}: the alias entry's own flag) is too.
     */
    PriceSheet aliasedAs(String name, String aliasNote, boolean mappingVerified) {
        return new PriceSheet(provider, name, currency, rates, rules, perHour, source, asOf,
                verified && mappingVerified, aliasNote == null ? note : aliasNote, region, model);
    }
}
