package dev.freeport.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * USD per million tokens. {@code cachedInputPerMTok}: price of input tokens read from the provider's prompt cache;
 * {@code cacheWritePerMTok}: price of input tokens written to it (Anthropic); null means "same as input".
 * {@code perHour}: a self-hosted target priced by the hour (token prices then zero). {@code tokens}: the same rates
 * as whole pico-dollars per token, derived from the decimals when the price is made (whatever is passed).
 */
public record ModelPrice(String provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                         BigDecimal cachedInputPerMTok, BigDecimal cacheWritePerMTok, BigDecimal perHour,
                         String source, LocalDate asOf, TokenPrice tokens) {

    public ModelPrice {
        tokens = TokenPrice.of(inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok, perHour);
    }

    public ModelPrice(String provider, String model, BigDecimal inputPerMTok, BigDecimal outputPerMTok,
                      BigDecimal cachedInputPerMTok, BigDecimal cacheWritePerMTok, BigDecimal perHour,
                      String source, LocalDate asOf) {
        this(provider, model, inputPerMTok, outputPerMTok, cachedInputPerMTok, cacheWritePerMTok, perHour, source,
                asOf, null);
    }
}
