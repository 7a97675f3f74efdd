package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden costs for each billing rule, on the bundled catalog's entries. */
class PricingRulesTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final Instant WED_10_UTC = Instant.parse("2026-12-02T10:00:00Z");

    private static CostResult cost(String provider, String model, Usage u, BillingFacts f) {
        return PricingEngine.cost(CATALOG, provider, model, u, f, FxRates.NONE);
    }

    @Test
    void haikuFiveFiveAtExactlyOneHundredThousandPromptTokensIsInTheLowBand() {
        // 100,000 x $0.10 + 1,000 x $0.50 = $0.0105
        assertThat(cost("anthropic", "claude-haiku-5-5", Usage.of(100_000, 1_000), BillingFacts.NONE).usdNanos())
                .isEqualTo(10_500_000L);
    }

    @Test
    void haikuFiveFiveOneTokenOverTheThresholdBillsTheWholeRequestHigh() {
        // 100,001 x $0.50 + 1,000 x $2.50 = $0.0525005
        CostResult r = cost("anthropic", "claude-haiku-5-5", Usage.of(100_001, 1_000), BillingFacts.NONE);
        assertThat(r.usdNanos()).isEqualTo(52_500_500L);
        assertThat(r.applied()).contains("long-context tier: prompt 100001 > 100000 tokens");
    }

    @Test
    void gptSixTwoSolLongContextDoublesInputAndRaisesOutputByHalf() {
        // 272,000 x $2 + 1,000 x $10 = $0.554; 272,001 x $4 + 1,000 x $15 = $1.103004
        assertThat(cost("openai", "gpt-6.2-sol", Usage.of(272_000, 1_000), BillingFacts.NONE).usdNanos())
                .isEqualTo(554_000_000L);
        assertThat(cost("openai", "gpt-6.2-sol", Usage.of(272_001, 1_000), BillingFacts.NONE).usdNanos())
                .isEqualTo(1_103_004_000L);
    }

    @Test
    void cacheWritesWithoutATtlSplitAreFiveMinuteWrites() {
        // Opus 5.5: 10,000 uncached x $4 + 10,000 written x $5 (5m) = $0.09
        Usage u = new Usage(20_000, 0, 0, 10_000, 0, false);
        assertThat(cost("anthropic", "claude-opus-5-5", u, BillingFacts.NONE).usdNanos()).isEqualTo(90_000_000L);
    }

    @Test
    void oneHourCacheWritesCostTheOneHourRate() {
        // 10,000 x $4 + 10,000 x $8 (1h) = $0.12
        Usage u = new Usage(20_000, 0, 0, 10_000, 0, false);
        CostResult r = cost("anthropic", "claude-opus-5-5", u, BillingFacts.NONE.cacheWrites(Map.of("1h", 10_000L)));
        assertThat(r.usdNanos()).isEqualTo(120_000_000L);
        assertThat(r.applied()).contains("cache write 1h: 10000 tokens");
    }

    @Test
    void aPartialTtlSplitLeavesTheRestAtTheDefaultTtl() {
        // 10,000 x $4 + 6,000 x $8 (1h) + 4,000 x $5 (5m) = $0.108
        Usage u = new Usage(20_000, 0, 0, 10_000, 0, false);
        assertThat(cost("anthropic", "claude-opus-5-5", u, BillingFacts.NONE.cacheWrites(Map.of("1h", 6_000L)))
                .usdNanos()).isEqualTo(108_000_000L);
    }

    @Test
    void cacheReadsUseTheCacheHitPrice() {
        // Opus 5.5: 2,000 x $4 + 8,000 x $0.20 = $0.0096
        assertThat(cost("anthropic", "claude-opus-5-5", new Usage(10_000, 0, 8_000, 0, 0, false), BillingFacts.NONE)
                .usdNanos()).isEqualTo(9_600_000L);
    }

    @Test
    void batchRequestsPayTheBatchMultiplier() {
        // gpt-6.2-sol: (1,000 x $2 + 1,000 x $10) x 0.5 = $0.006
        CostResult r = cost("openai", "gpt-6.2-sol", Usage.of(1_000, 1_000), BillingFacts.NONE.batch(true));
        assertThat(r.usdNanos()).isEqualTo(6_000_000L);
        assertThat(r.applied()).contains("batch x0.5");
    }

    @Test
    void usOnlyInferenceCostsTenPercentMore() {
        // Opus 5.5 with inference_geo us: (1,000 x $4 + 1,000 x $20) x 1.1 = $0.0264
        assertThat(cost("anthropic", "claude-opus-5-5", Usage.of(1_000, 1_000), BillingFacts.NONE.region("us"))
                .usdNanos()).isEqualTo(26_400_000L);
        assertThat(cost("anthropic", "claude-opus-5-5", Usage.of(1_000, 1_000), BillingFacts.NONE.region("global"))
                .usdNanos()).isEqualTo(24_000_000L);
    }

    @Test
    void serverToolCallsAreChargedPerCall() {
        // Gemini 4 Argon on 2026-12-02: 1,000 x $4 + 1,000 x $20 + 3 searches x $0.014 = $0.066
        CostResult r = cost("google", "gemini-4-argon", Usage.of(1_000, 1_000),
                BillingFacts.at(WED_10_UTC).toolCalls(Map.of("google_search", 3L)));
        assertThat(r.usdNanos()).isEqualTo(66_000_000L);
    }

    @Test
    void aToolWithoutAFeeIsReportedNotSilentlyCharged() {
        CostResult r = cost("openai", "gpt-6.2-sol", Usage.of(1_000, 0),
                BillingFacts.NONE.toolCalls(Map.of("web_search", 2L)));
        assertThat(r.usdNanos()).isEqualTo(2_000_000L);
        assertThat(r.applied()).contains("web_search: 2 calls without a price in the catalog (not charged)");
    }

    @Test
    void aDatedPriceChangeAppliesByProcessingTime() {
        // Gemini 4 Argon: launch price $2 / $10 until 2026-12-01, $4 / $20 from then on
        Usage u = Usage.of(1_000_000, 0);
        assertThat(cost("google", "gemini-4-argon", u, BillingFacts.at(Instant.parse("2026-11-30T23:59:59Z")))
                .usdNanos()).isEqualTo(2_000_000_000L);
        assertThat(cost("google", "gemini-4-argon", u, BillingFacts.at(Instant.parse("2026-12-01T00:00:00Z")))
                .usdNanos()).isEqualTo(4_000_000_000L);
    }

    @Test
    void thinkingModeOutputUsesTheThinkingRate() {
        // qwen-cn qwen-plus, CNY: 1,000 in x 0.8 + 1,000 out x 8 (thinking) = 0.0088 CNY
        CostResult r = PricingEngine.cost(CATALOG, "qwen-cn", "qwen-plus", Usage.of(1_000, 1_000),
                BillingFacts.NONE.thinking(true), FxRates.NONE);
        assertThat(r.original()).isEqualTo(new CostResult.Money("CNY", 8_800_000L));
    }

    @Test
    void aModelWithCapabilitiesButNoPriceIsUnknownNotZero() {
        CostResult r = cost("poolside", "laguna-m.1", Usage.of(1_000, 1_000), BillingFacts.NONE);
        assertThat(r.status()).isEqualTo(CostResult.Status.UNKNOWN);
        assertThat(r.usd()).isEmpty();
        assertThat(CATALOG.info("poolside", "laguna-m.1")).isPresent();
    }

    @Test
    void aModelMissingFromTheCatalogIsUnknown() {
        CostResult r = cost("openai", "gpt-99", Usage.of(1, 1), BillingFacts.NONE);
        assertThat(r.status()).isEqualTo(CostResult.Status.UNKNOWN);
        assertThat(r.reason()).contains("openai/gpt-99");
    }
}
