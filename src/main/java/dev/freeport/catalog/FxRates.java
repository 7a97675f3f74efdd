package dev.freeport.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configured exchange rates into USD: how many US dollars one unit of a currency is worth ("CNY" → 0.14). Never
 * fetched and never guessed: a currency without a configured rate stays unconverted.
 *
 * @param usdPerUnit currency code → USD per unit
 * @param source     where the operator took the rates from (free text, for reports)
 * @param asOf       when, or null
 * @param fixed      the rates as {@link Fixed} (the engine's integer way), derived when made (whatever is passed)
 */
public record FxRates(Map<String, BigDecimal> usdPerUnit, String source, LocalDate asOf, Map<String, Fixed> fixed) {

    public static final FxRates NONE = new FxRates(Map.of(), null, null);
    private static final Fixed ONE = new Fixed(1, 0);

    public FxRates {
        Map<String, BigDecimal> m = new HashMap<>();
        if (usdPerUnit != null) {
            usdPerUnit.forEach((k, v) -> {
                if (v == null || v.signum() <= 0) {
                    throw new IllegalArgumentException("exchange rate for " + k + " must be positive");
                }
                m.put(k.toUpperCase(Locale.ROOT), v);
            });
        }
        usdPerUnit = Map.copyOf(m);
        Map<String, Fixed> f = new HashMap<>();
        usdPerUnit.forEach((k, v) -> f.put(k, Fixed.of(v)));
        fixed = Map.copyOf(f);
    }

    public FxRates(Map<String, BigDecimal> usdPerUnit, String source, LocalDate asOf) {
        this(usdPerUnit, source, asOf, null);
    }

    /** One rate, e.g. {@code FxRates.of("CNY", "0.14")}. */
    public static FxRates of(String currency, String usdPerUnit) {
        return new FxRates(Map.of(currency, new BigDecimal(usdPerUnit)), "config", null);
    }

    /** USD per unit of {@code currency}: 1 for USD, else the configured rate if any. */
    public Optional<BigDecimal> usdPer(String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        return c.equals(PriceSheet.USD) ? Optional.of(BigDecimal.ONE) : Optional.ofNullable(usdPerUnit.get(c));
    }

    /** {@link #usdPer} as a {@link Fixed}, without an Optional: null when no rate is configured. */
    Fixed fixedPer(String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        return c.equals(PriceSheet.USD) ? ONE : fixed.get(c);
    }

    /** {@link #usdPer} for a currency that has one, without an Optional. */
    BigDecimal rate(String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        return c.equals(PriceSheet.USD) ? BigDecimal.ONE : usdPerUnit.get(c);
    }
}
