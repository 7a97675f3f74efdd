package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** A price's rates as whole pico-dollars per token, made with the price (the budget's bound, the ledger's cost). */
class TokenPriceTest {

    private static ModelPrice price(String input, String output) {
        return new ModelPrice("p", "m", input == null ? null : new BigDecimal(input),
                output == null ? null : new BigDecimal(output), null, null, null, null, null);
    }

    private static long bigDecimal(ModelPrice p, long in, long out) {
        return PriceCatalog.costNanosExact(p, Usage.of(in, out), 0);
    }

    /** As the budget's bound asks: prompt and output tokens; -1 for the BigDecimal way. */
    private static long bound(ModelPrice p, long in, long out) {
        return p.tokens().nanos(in, 0, 0, out);
    }

    @Test
    void aBoundInLongsIsTheCatalogsCostToTheNanoDollar() {
        String[][] prices = {{"0.50", "1.50"}, {"0.0375", "0.15"}, {"3", "15"}, {"0.000001", "0.000003"},
                {null, "4.4"}, {"1.25", null}, {"0", "0"}, {"75.00", "150"}};
        long[][] tokens = {{0, 0}, {1, 1}, {7, 3}, {1234, 4096}, {1, 0}, {0, 1}, {999_999, 128_000},
                {5_000_000, 1_000_000}, {13, 1}};
        for (String[] p : prices) {
            ModelPrice price = price(p[0], p[1]);
            for (long[] t : tokens) {
                assertThat(bound(price, t[0], t[1]))
                        .as("%s/%s at %d+%d tokens", p[0], p[1], t[0], t[1])
                        .isEqualTo(bigDecimal(price, t[0], t[1]))
                        .isEqualTo(PriceCatalog.costNanos(price, Usage.of(t[0], t[1]), 0));
            }
        }
    }

    @Test
    void aHalfNanoDollarRoundsUpAsTheCatalogDoes() {
        ModelPrice price = price("0.0005", "0"); // half a nano-dollar per token
        assertThat(bound(price, 1, 0)).isEqualTo(1).isEqualTo(bigDecimal(price, 1, 0));
        assertThat(bound(price, 3, 0)).isEqualTo(2).isEqualTo(bigDecimal(price, 3, 0));
    }

    @Test
    void aRateWithMoreThanSixDecimalsIsPricedTheBigDecimalWay() {
        ModelPrice price = price("0.1234565", "0.12345678");
        assertThat(price.tokens().input()).isEqualTo(TokenPrice.INEXACT);
        assertThat(bound(price, 10_000_000, 3)).isEqualTo(-1);
        assertThat(PriceCatalog.costNanos(price, Usage.of(10_000_000, 3), 0))
                .isEqualTo(bigDecimal(price, 10_000_000, 3));
    }

    @Test
    void aNegativeRateIsPricedTheBigDecimalWay() {
        ModelPrice price = price("-1", "2");
        assertThat(price.tokens().input()).isEqualTo(TokenPrice.INEXACT);
        assertThat(PriceCatalog.costNanos(price, Usage.of(1000, 10), 0)).isEqualTo(bigDecimal(price, 1000, 10));
    }

    @Test
    void aProductPastALongIsPricedTheBigDecimalWay() {
        ModelPrice price = price("1000000", "1000000"); // 10^12 pico-dollars a token
        long many = 20_000_000;
        assertThat(bound(price, many, many)).isEqualTo(-1);
        assertThat(PriceCatalog.costNanos(price, Usage.of(many, many), 0)).isEqualTo(bigDecimal(price, many, many));
    }

    @Test
    void theRatesAreMadeWithThePriceAsWholePicoDollarsPerToken() {
        ModelPrice price = new ModelPrice("p", "m", new BigDecimal("0.50"), new BigDecimal("1.5"),
                null, new BigDecimal("0.625"), new BigDecimal("1.20"), null, null);
        TokenPrice t = price.tokens();
        assertThat(t.input()).isEqualTo(500_000);
        assertThat(t.output()).isEqualTo(1_500_000);
        assertThat(t.cachedInput()).isEqualTo(TokenPrice.UNSET);
        assertThat(t.cacheWrite()).isEqualTo(625_000);
        assertThat(t.perHour()).isEqualTo(1_200_000_000_000L);
    }

    @Test
    void ratesOverOthersMergeTheirWholeFormsAsTheirDecimals() {
        Rates base = new Rates(new BigDecimal("0.27"), new BigDecimal("1.10"), new BigDecimal("0.07"), null,
                java.util.Map.of("1h", new BigDecimal("0.5")), null);
        Rates off = Rates.of(new BigDecimal("0.135"), null, null, null);
        Rates merged = off.over(base);
        assertThat(merged.picos()).isEqualTo(new Rates(merged.input(), merged.output(), merged.cachedInput(),
                merged.cacheWrite(), merged.cacheWrites(), merged.thinkingOutput()).picos());
        assertThat(merged.picos().input()).isEqualTo(135_000);
        assertThat(merged.picos().output()).isEqualTo(1_100_000);
        assertThat(merged.picos().cacheWrites()).containsEntry("1h", 500_000L);
    }
}
