package dev.freeport.config;

import java.math.BigDecimal;

/**
 * A price in USD per million tokens (null fields: take the catalog's). {@code perHour}: a self-hosted target
 * priced by the hour; each request is charged its share, hourly price x latency.
 */
public record PriceConfig(BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cachedInputPerMTok,
                          BigDecimal cacheWritePerMTok, BigDecimal perHour) {
}
