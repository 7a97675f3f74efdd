package dev.freeport.limits;

import dev.freeport.api.Usage;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRatesTest {
    private final TokenRates rates = new TokenRates();

    private static ModelPrice price(String input, String output) {
        return new ModelPrice("p", "m", input == null ? null : new BigDecimal(input),
                output == null ? null : new BigDecimal(output), null, null, null, null, null);
    }

    private static long bigDecimal(ModelPrice p, long in, long out) {
        return PriceCatalog.costNanos(p, Usage.of(in, out), 0);
    }

    @Test
    void aBoundInLongsIsTheCatalogsCostToTheNanoDollar() {
        String[][] prices = {{"0.50", "1.50"}, {"0.0375", "0.15"}, {"3", "15"}, {"0.000001", "0.000003"},
                {"0.1234565", "2"}, {null, "4.4"}, {"1.25", null}, {"0", "0"}, {"75.00", "150"}};
        long[][] tokens = {{0, 0}, {1, 1}, {7, 3}, {1234, 4096}, {1, 0}, {0, 1}, {999_999, 128_000},
                {5_000_000, 1_000_000}, {13, 1}};
        for (String[] p : prices) {
            ModelPrice price = price(p[0], p[1]);
            for (long[] t : tokens) {
                assertThat(rates.costNanos(price, t[0], t[1]))
                        .as("%s/%s at %d+%d tokens", p[0], p[1], t[0], t[1])
                        .isEqualTo(bigDecimal(price, t[0], t[1]));
            }
        }
    }

    @Test
    void aHalfNanoDollarRoundsUpAsTheCatalogDoes() {
        ModelPrice price = price("0.0005", "0"); // half a nano-dollar per token
        assertThat(rates.costNanos(price, 1, 0)).isEqualTo(1).isEqualTo(bigDecimal(price, 1, 0));
        assertThat(rates.costNanos(price, 3, 0)).isEqualTo(2).isEqualTo(bigDecimal(price, 3, 0));
    }

    @Test
    void aRateWithMoreThanSixDecimalsIsPricedTheBigDecimalWay() {
        ModelPrice price = price("0.0000001", "0.12345678");
        assertThat(TokenRates.exact(price)).isEmpty();
        assertThat(rates.costNanos(price, 10_000_000, 3)).isEqualTo(bigDecimal(price, 10_000_000, 3));
    }

    @Test
    void aProductPastALongIsPricedTheBigDecimalWay() {
        ModelPrice price = price("1000000", "1000000"); // 10^12 pico-dollars a token
        long many = 20_000_000;
        assertThat(rates.costNanos(price, many, many)).isEqualTo(bigDecimal(price, many, many));
    }
}
