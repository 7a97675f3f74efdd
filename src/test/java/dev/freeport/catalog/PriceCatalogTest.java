package dev.freeport.catalog;

import dev.freeport.api.Usage;
import dev.freeport.config.PriceConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PriceCatalogTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    private static ModelPrice price(String in, String out, String cached, String write, String perHour) {
        return new ModelPrice("p", "m", dec(in), dec(out), dec(cached), dec(write), dec(perHour), "test",
                LocalDate.of(2026, 1, 1));
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Test
    void costOfCachedAndUncachedInputAndOutputIsExact() {
        // 1034 uncached x $3 + 200 cached x $0.30 + 567 output x $15, per million tokens
        ModelPrice p = price("3", "15", "0.30", null, null);
        Usage u = new Usage(1234, 567, 200, 0, 0, false);
        assertThat(PriceCatalog.costNanos(p, u, 999)).isEqualTo(3_102_000 + 60_000 + 8_505_000);
    }

    @Test
    void cacheCreationIsChargedAtCacheWritePriceAndReasoningAsOutput() {
        ModelPrice p = price("3", "15", "0.30", "3.75", null);
        Usage u = new Usage(10_000, 1000, 2000, 3000, 400, false);
        // 5000 x 3 + 2000 x 0.30 + 3000 x 3.75 + 1000 x 15 = 15000 + 600 + 11250 + 15000 = 41850 micro-dollars
        assertThat(PriceCatalog.costNanos(p, u, 0)).isEqualTo(41_850_000L);
    }

    @Test
    void missingCachedAndCacheWritePricesFallBackToInputPrice() {
        ModelPrice p = price("0.40", "2", null, null, null);
        Usage u = new Usage(1000, 0, 300, 200, 0, false);
        assertThat(PriceCatalog.costNanos(p, u, 0)).isEqualTo(400_000L);
    }

    @Test
    void fractionalNanosRoundHalfUp() {
        ModelPrice p = price("0.0005", "0.0015", null, null, null);
        // 1 x 0.0005 x 1000 = 0.5 nanos -> 1; 1 output x 1.5 nanos -> total 2.0
        assertThat(PriceCatalog.costNanos(p, Usage.of(1, 0), 0)).isEqualTo(1);
        assertThat(PriceCatalog.costNanos(p, Usage.of(1, 1), 0)).isEqualTo(2);
    }

    @Test
    void perHourTargetsPayTheirShareOfTheHour() {
        assertThat(PriceCatalog.costNanos(price(null, null, null, null, "2.00"), Usage.of(500, 500), 1800))
                .isEqualTo(1_000_000L);
        // $1/h for 1 ms = 277.77... nanos
        assertThat(PriceCatalog.costNanos(price(null, null, null, null, "1"), Usage.NONE, 1)).isEqualTo(278);
    }

    @Test
    void formatsNanosAsPlainDecimalDollars() {
        assertThat(PriceCatalog.formatUsd(123_000)).isEqualTo("0.000123");
        assertThat(PriceCatalog.formatUsd(0)).isEqualTo("0");
        assertThat(PriceCatalog.formatUsd(1_500_000_000L)).isEqualTo("1.5");
        assertThat(PriceCatalog.formatUsd(1)).isEqualTo("0.000000001");
    }

    @Test
    void findsExactEntry() {
        ModelPrice p = CATALOG.find("anthropic", "claude-sonnet-4-5").orElseThrow();
        assertThat(p.inputPerMTok()).isEqualByComparingTo("3");
        assertThat(p.cacheWritePerMTok()).isEqualByComparingTo("3.75");
    }

    @Test
    void toleratesDateSuffixes() {
        assertThat(CATALOG.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow().model())
                .isEqualTo("claude-sonnet-4-5");
        assertThat(CATALOG.find("openai", "gpt-4.1-2025-04-14").orElseThrow().model()).isEqualTo("gpt-4.1");
        assertThat(CATALOG.find("openai", "gpt-4o-mini-2024-07-18").orElseThrow().model()).isEqualTo("gpt-4o-mini");
        assertThat(CATALOG.find("anthropic", "claude-3-5-haiku-latest").orElseThrow().model())
                .isEqualTo("claude-3-5-haiku");
        assertThat(CATALOG.find("mistral", "mistral-large-2411").orElseThrow().model()).isEqualTo("mistral-large");
    }

    @Test
    void toleratesDotsForDashesAndCase() {
        assertThat(CATALOG.find("anthropic", "Claude-Sonnet-4.5").orElseThrow().model())
                .isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void selfHostedProviderBorrowsAnyVendorsPrice() {
        assertThat(CATALOG.find("vllm", "deepseek-ai/DeepSeek-V3").orElseThrow().provider()).isEqualTo("together");
        assertThat(CATALOG.find("my-own-box", "gpt-4o").orElseThrow().provider()).isEqualTo("openai");
    }

    @Test
    void knownHostedProviderNeverBorrowsAnotherVendorsPrice() {
        assertThat(CATALOG.find("groq", "gpt-4o")).isEmpty();
        assertThat(CATALOG.find("deepseek", "claude-sonnet-4-5")).isEmpty();
    }

    @Test
    void sandboxIsNotPricedByTheCatalog() {
        assertThat(CATALOG.find("sandbox", "gpt-4o")).isEmpty();
        assertThat(CATALOG.entries()).noneMatch(p -> p.provider().equals("sandbox"));
    }

    @Test
    void providerModelOverrideReplacesOnlyItsFields() {
        PriceCatalog c = CATALOG.withOverrides(Map.of("deepseek/deepseek-chat",
                new PriceConfig(new BigDecimal("0.5"), null, null, null, null)));
        ModelPrice p = c.find("deepseek", "deepseek-chat").orElseThrow();
        assertThat(p.inputPerMTok()).isEqualByComparingTo("0.5");
        assertThat(p.outputPerMTok()).isEqualByComparingTo("1.2");
        assertThat(p.cachedInputPerMTok()).isEqualByComparingTo("0.006");
        assertThat(c.find("openrouter", "deepseek/deepseek-chat").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("0.30");
    }

    @Test
    void modelOnlyOverrideAppliesOnEveryProviderAndPricesUnknownModels() {
        PriceCatalog c = CATALOG.withOverrides(Map.of("tiny-demo",
                new PriceConfig(new BigDecimal("0.1"), new BigDecimal("0.2"), null, null, null)));
        assertThat(c.find("sandbox", "tiny-demo").orElseThrow().outputPerMTok()).isEqualByComparingTo("0.2");
        assertThat(c.find("vllm", "tiny-demo")).isPresent();
    }

    @Test
    void perHourOverrideDoesNotInheritVendorTokenPrices() {
        PriceCatalog c = CATALOG.withOverrides(Map.of("vllm/deepseek-ai/DeepSeek-V3",
                new PriceConfig(null, null, null, null, new BigDecimal("4"))));
        ModelPrice p = c.find("vllm", "deepseek-ai/DeepSeek-V3").orElseThrow();
        assertThat(p.inputPerMTok()).isNull();
        assertThat(PriceCatalog.costNanos(p, Usage.of(1_000_000, 1_000_000), 900)).isEqualTo(1_000_000L);
    }

    @Test
    void targetPriceWinsOverCatalog() {
        ModelPrice p = CATALOG.find("openai", "gpt-4o",
                new PriceConfig(null, new BigDecimal("1"), null, null, null)).orElseThrow();
        assertThat(p.inputPerMTok()).isEqualByComparingTo("2.50");
        assertThat(p.outputPerMTok()).isEqualByComparingTo("1");
    }

    @Test
    void geminiProviderTypeFindsGooglePricesWithOrWithoutModelsPrefix() {
        ModelPrice google = CATALOG.find("google", "gemini-2.5-flash").orElseThrow();
        assertThat(CATALOG.find("gemini", "gemini-2.5-flash")).contains(google);
        assertThat(CATALOG.find("gemini", "models/gemini-2.5-flash")).contains(google);
    }

    @Test
    void bundledCatalogCoversTheRequiredModelsWithSourceAndDate() {
        List<String[]> required = List.of(
                new String[] {"openai", "gpt-5"}, new String[] {"openai", "gpt-5-mini"},
                new String[] {"openai", "gpt-5-nano"}, new String[] {"openai", "gpt-4.1-nano"},
                new String[] {"openai", "o3"}, new String[] {"openai", "o4-mini"},
                new String[] {"openai", "text-embedding-3-large"}, new String[] {"anthropic", "claude-opus-4-1"},
                new String[] {"anthropic", "claude-haiku-4-5"}, new String[] {"google", "gemini-2.5-flash-lite"},
                new String[] {"deepseek", "deepseek-reasoner"}, new String[] {"qwen", "qwen3-coder-plus"},
                new String[] {"moonshot", "kimi-k2-0905-preview"}, new String[] {"mistral", "codestral"},
                new String[] {"together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
                new String[] {"groq", "openai/gpt-oss-120b"}, new String[] {"groq", "qwen/qwen3-32b"},
                new String[] {"fireworks", "accounts/fireworks/models/kimi-k2-instruct"},
                new String[] {"openrouter", "deepseek/deepseek-chat"});
        for (String[] r : required) {
            assertThat(CATALOG.find(r[0], r[1])).as(r[0] + "/" + r[1]).isPresent();
        }
        assertThat(CATALOG.entries()).allSatisfy(p -> {
            assertThat(p.source()).startsWith("https://");
            assertThat(p.asOf()).isNotNull();
            assertThat(p.inputPerMTok()).isNotNull();
        });
        assertThat(CATALOG.find("deepseek", "deepseek-chat").orElseThrow().cachedInputPerMTok())
                .isEqualByComparingTo("0.006");
    }
}
