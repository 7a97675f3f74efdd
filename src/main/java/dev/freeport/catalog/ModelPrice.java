package dev.freeport.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * USD per million tokens. {@code cachedInputPerMTok}: price of input tokens read from the provider's prompt cache;
 * {@code cacheWritePerMTok}: price of input tokens written to it (Anthropic); null means "same as input".
 * {@code perHour}: a self-hosted target priced by the hour (token prices then zero).
 */
public record ModelPrice(String provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                         BigDecimal cachedInputPerMTok, BigDecimal cacheWritePerMTok, BigDecimal perHour,
                         String source, LocalDate asOf) {
}
