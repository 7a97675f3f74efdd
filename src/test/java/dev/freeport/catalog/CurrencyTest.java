package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** CNY-billed mainland endpoints: the amount stays in CNY next to a USD figure at a configured rate, never mixed. */
class CurrencyTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    // Wednesday 10:00 Beijing: peak; 100,000 x CNY 2 + 10,000 x CNY 8 = CNY 0.28
    private static final BillingFacts PEAK = BillingFacts.at(Instant.parse("2026-12-02T02:00:00Z"));
    private static final Usage USAGE = Usage.of(100_000, 10_000);

    @Test
    void aCnyRequestKeepsItsCnyAmountNextToTheConvertedDollars() {
        CostResult r = PricingEngine.cost(CATALOG, "deepseek-cn", "deepseek-flash", USAGE, PEAK,
                FxRates.of("CNY", "0.14"));
        assertThat(r.status()).isEqualTo(CostResult.Status.PRICED);
        assertThat(r.original()).isEqualTo(new CostResult.Money("CNY", 280_000_000L));
        assertThat(r.usdPerUnit()).isEqualByComparingTo(new BigDecimal("0.14"));
        assertThat(r.usdNanos()).isEqualTo(39_200_000L); // CNY 0.28 x 0.14 = $0.0392
        assertThat(r.applied()).contains("CNY -> USD at 0.14");
    }

    @Test
    void withoutAConfiguredRateTheCostStaysUnconverted() {
        CostResult r = PricingEngine.cost(CATALOG, "deepseek-cn", "deepseek-flash", USAGE, PEAK, FxRates.NONE);
        assertThat(r.status()).isEqualTo(CostResult.Status.UNCONVERTED);
        assertThat(r.usd()).isEmpty();
        assertThat(r.original().format()).isEqualTo("0.28 CNY");
        assertThat(r.reason()).isEqualTo("no USD rate configured for CNY");
    }

    @Test
    void aCnyEntryIsNeverALegacyDollarPrice() {
        assertThat(CATALOG.find("deepseek-cn", "deepseek-flash")).isEmpty();
        assertThat(CATALOG.entries()).noneMatch(p -> p.provider().endsWith("-cn"));
        assertThat(CATALOG.sheet("deepseek-cn", "deepseek-flash").orElseThrow().currency()).isEqualTo("CNY");
    }

    @Test
    void aMainlandProviderNeverBorrowsTheInternationalPrice() {
        assertThat(CATALOG.sheet("qwen-cn", "qwen3-coder-plus")).isEmpty();
        assertThat(CATALOG.find("qwen-cn", "qwen3-coder-plus")).isEmpty();
    }

    @Test
    void providerAliasesReachTheMainlandCatalog() {
        assertThat(CATALOG.sheet("dashscope-cn", "qwen-flash").orElseThrow().provider()).isEqualTo("qwen-cn");
    }
}
