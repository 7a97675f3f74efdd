package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden costs for the billing rules the 2026-12-04 catalog review read on vendor pages (docs/PRICING.md, "Coverage"):
 * each figure is worked out by hand from the page's numbers.
 */
class CatalogGoldenCostsTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    private static long usd(String provider, String model, Usage u, BillingFacts f) {
        CostResult r = PricingEngine.cost(CATALOG, provider, model, u, f, FxRates.NONE);
        assertThat(r.status()).as(provider + "/" + model).isEqualTo(CostResult.Status.PRICED);
        return r.usdNanos();
    }

    @Test
    void gptSixLunaOneTokenOverTwoHundredSeventyTwoThousandBillsTheWholeRequestAtTheLongContextRates() {
        // 272,000 x $0.10 + 1,000 x $0.50 = $0.0277; 272,001 x $0.20 + 1,000 x $0.75 = $0.0551502
        assertThat(usd("openai", "gpt-6-luna", Usage.of(272_000, 1_000), BillingFacts.NONE)).isEqualTo(27_700_000L);
        assertThat(usd("openai", "gpt-6-luna", Usage.of(272_001, 1_000), BillingFacts.NONE)).isEqualTo(55_150_200L);
    }

    @Test
    void fableFiveTwoOneHourCacheWritesCostSixteenDollarsPerMillion() {
        // 10,000 uncached x $8 + 10,000 written for 1 hour x $16 = $0.24 (5-minute writes: $0.18)
        Usage u = new Usage(20_000, 0, 0, 10_000, 0, false);
        assertThat(usd("anthropic", "claude-fable-5-2", u, BillingFacts.NONE.cacheWrites(Map.of("1h", 10_000L))))
                .isEqualTo(240_000_000L);
        assertThat(usd("anthropic", "claude-fable-5-2", u, BillingFacts.NONE)).isEqualTo(180_000_000L);
    }

    @Test
    void fireworksBatchRequestsPayHalfTheServerlessPrice() {
        // DeepSeek V4 Pro: (1,000 x $1.74 + 1,000 x $3.48) x 0.5 = $0.00261
        assertThat(usd("fireworks", "accounts/fireworks/models/deepseek-v4-pro", Usage.of(1_000, 1_000),
                BillingFacts.NONE.batch(true))).isEqualTo(2_610_000L);
    }

    @Test
    void fireworksDeepSeekVThreeIsPricedAsThePageLists() {
        // 2,000 x $0.56 + 8,000 cached x $0.28 + 1,000 x $1.68 = $0.00504
        assertThat(usd("fireworks", "accounts/fireworks/models/deepseek-v3", new Usage(10_000, 1_000, 8_000, 0, 0,
                false), BillingFacts.NONE)).isEqualTo(5_040_000L);
    }

    @Test
    void kimiWebSearchCallsCostFiveTenthsOfACentEach() {
        // Kimi K3: 1,000 x $3 + 1,000 x $15 + 2 x $0.005 = $0.028
        assertThat(usd("moonshot", "kimi-k3", Usage.of(1_000, 1_000),
                BillingFacts.NONE.toolCalls(Map.of("web_search", 2L)))).isEqualTo(28_000_000L);
    }

    @Test
    void deepSeekVFourProBeforePeakBillingBeganIsBilledAtTheOldFlatPrice() {
        // Friday 2026-08-14 02:00 UTC (10:00 Beijing, a peak hour later): 1,000 x $0.435 + 1,000 x $0.87 = $0.001305;
        // Monday 2026-08-17 02:00 UTC, after 16:00 UTC 2026-08-16: peak, 1,000 x $1.32 + 1,000 x $3.96 = $0.00528
        assertThat(usd("deepseek", "deepseek-v4-pro", Usage.of(1_000, 1_000),
                BillingFacts.at(Instant.parse("2026-08-14T02:00:00Z")))).isEqualTo(1_305_000L);
        assertThat(usd("deepseek", "deepseek-v4-pro", Usage.of(1_000, 1_000),
                BillingFacts.at(Instant.parse("2026-08-17T02:00:00Z")))).isEqualTo(5_280_000L);
    }

    @Test
    void deepSeekChatBeforeItsRetirementIsBilledAsVFourFlashWas() {
        // Wednesday 2026-07-01 02:00 UTC: 1,000 x $0.14 + 1,000 x $0.28 = $0.00042 (no off-peak before 2026-08-16)
        assertThat(usd("deepseek", "deepseek-chat", Usage.of(1_000, 1_000),
                BillingFacts.at(Instant.parse("2026-07-01T02:00:00Z")))).isEqualTo(420_000L);
    }

    @Test
    void modelsAddedFromVendorPagesArePricedAndVerified() {
        for (String[] m : new String[][] {{"zhipu", "glm-5-turbo"}, {"anthropic", "claude-mythos-5"},
                {"openai", "gpt-5.6-luna"}, {"fireworks", "accounts/fireworks/models/kimi-k2p6"}}) {
            PriceSheet s = CATALOG.sheet(m[0], m[1]).orElseThrow();
            assertThat(s.verified()).as(m[0] + "/" + m[1]).isTrue();
        }
        // GLM-5-Turbo: 1,000 x $1.2 + 1,000 x $4.0 = $0.0052
        assertThat(usd("zhipu", "glm-5-turbo", Usage.of(1_000, 1_000), BillingFacts.NONE)).isEqualTo(5_200_000L);
    }

    @Test
    void claudeOnARegionalVertexEndpointCostsTenPercentMoreThanOnTheGlobalOne() {
        // Claude Sonnet 4.5 on Vertex: 1,000 x $3 + 1,000 x $15 = $0.018 global; x 1.1 = $0.0198 in us-east5
        PriceSheet sheet = CATALOG.sheet("vertex", CloudRegions.catalogModel("vertex", "claude-sonnet-4-5@20250929"))
                .orElseThrow();
        String global = CloudRegions.processingRegion("vertex", "global", "claude-sonnet-4-5@20250929");
        String regional = CloudRegions.processingRegion("vertex", "us-east5", "claude-sonnet-4-5@20250929");
        assertThat(PricingEngine.cost(sheet.inRegion(global), Usage.of(1_000, 1_000), BillingFacts.NONE, FxRates.NONE)
                .usdNanos()).isEqualTo(18_000_000L);
        assertThat(PricingEngine.cost(sheet.inRegion(regional), Usage.of(1_000, 1_000), BillingFacts.NONE,
                FxRates.NONE).usdNanos()).isEqualTo(19_800_000L);
    }
}
