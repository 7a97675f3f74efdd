package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on plain prices agrees with the legacy {@link PriceCatalog#costNanos} to the nano-dollar. */
class PricingEngineTest {

    private static ModelPrice price(String in, String out, String cached, String write, String perHour) {
        return new ModelPrice("p", "m", dec(in), dec(out), dec(cached), dec(write), dec(perHour), "test",
                LocalDate.of(2026, 1, 1));
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Test
    void aPlainPriceCostsWhatCostNanosSays() {
        List<ModelPrice> prices = List.of(price("3", "15", "0.30", "3.75", null), price("0.40", "2", null, null, null),
                price("0.0005", "0.0015", null, null, null), price(null, null, null, null, "2.00"),
                price("1.1", "4.4", "0.275", null, "0.75"));
        List<Usage> usages = List.of(Usage.of(1, 1), new Usage(1234, 567, 200, 0, 0, false),
                new Usage(10_000, 1000, 2000, 3000, 400, false), new Usage(5, 0, 9, 0, 0, false));
        for (ModelPrice p : prices) {
            for (Usage u : usages) {
                for (long latency : new long[] {0, 1800, 999}) {
                    CostResult r = PricingEngine.cost(PriceSheet.of(p), u, BillingFacts.NONE.latency(latency),
                            FxRates.NONE);
                    assertThat(r.usdNanos()).as(p + " " + u + " " + latency)
                            .isEqualTo(PriceCatalog.costNanos(p, u, latency));
                }
            }
        }
    }

    @Test
    void aNullSheetIsAnUnknownCost() {
        assertThat(PricingEngine.cost((PriceSheet) null, Usage.of(1, 1), BillingFacts.NONE, FxRates.NONE).status())
                .isEqualTo(CostResult.Status.UNKNOWN);
    }

    @Test
    void aConfiguredPriceIsUsedAsWrittenWithoutTheVendorsRules() {
        PriceCatalog c = PriceCatalog.bundled().withOverrides(java.util.Map.of("deepseek/deepseek-flash",
                new dev.freeport.config.PriceConfig(new BigDecimal("0.5"), new BigDecimal("1"), null, null, null)));
        PriceSheet s = c.sheet("deepseek", "deepseek-flash").orElseThrow();
        assertThat(s.source()).isEqualTo("config");
        assertThat(s.rules()).isEqualTo(PriceRules.NONE);
        assertThat(s.rates().input()).isEqualByComparingTo("0.5");
    }

    @Test
    void rulesOnTopOfRatesFillOnlyWhatIsUnset() {
        Rates base = Rates.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("0.1"), null);
        Rates tier = new Rates(new BigDecimal("3"), null, null, null, java.util.Map.of(), null);
        Rates r = tier.over(base);
        assertThat(r.input()).isEqualByComparingTo("3");
        assertThat(r.output()).isEqualByComparingTo("2");
        assertThat(r.cachedInput()).isEqualByComparingTo("0.1");
    }
}
