package dev.freeport.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * The {@code pricing:} section (docs/CONFIG.md): exchange rates for vendors that bill in another currency than USD,
 * and how old a catalog price may be before {@code freeport catalog check} flags it.
 *
 * @param fx             USD per unit of a currency, by ISO code upper case ("CNY" → 0.14); never fetched
 * @param fxAsOf         when the rates were set (for reports), or null
 * @param catalogMaxAge  catalog entries read longer ago than this are stale in {@code catalog check}
 */
public record PricingConfig(Map<String, BigDecimal> fx, LocalDate fxAsOf, Duration catalogMaxAge) {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);
    public static final PricingConfig NONE = new PricingConfig(Map.of(), null, DEFAULT_MAX_AGE);

    public PricingConfig {
        fx = fx == null ? Map.of() : Map.copyOf(fx);
        catalogMaxAge = catalogMaxAge == null ? DEFAULT_MAX_AGE : catalogMaxAge;
    }
}
