package dev.freeport.catalog;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LiteLlmCatalogTest {

    private static LiteLlmCatalog.Result convert() throws Exception {
        Path f = Path.of(LiteLlmCatalogTest.class.getResource("/catalog/litellm-excerpt.json").toURI());
        return LiteLlmCatalog.convert(new JsonObject(Files.readString(f)), PriceCatalog.bundled(), "litellm test",
                LocalDate.of(2026, 11, 26));
    }

    @Test
    void importsChatModelsOfKnownProvidersAndSkipsTheRest() throws Exception {
        LiteLlmCatalog.Result r = convert();
        assertThat(r.imported()).isEqualTo(4);
        assertThat(r.skipped()).hasSize(2).anyMatch(s -> s.startsWith("dall-e-3"))
                .anyMatch(s -> s.startsWith("bedrock/"));
    }

    @Test
    void perTokenPricesBecomeExactPerMillionPricesWithCapabilities(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("catalog.json");
        LiteLlmCatalog.writeInto(user, convert().catalog());
        PriceCatalog c = PriceCatalog.load(user);
        ModelPrice gpt = c.find("openai", "gpt-4o").orElseThrow();
        assertThat(gpt.inputPerMTok()).isEqualByComparingTo("2.5");
        assertThat(gpt.outputPerMTok()).isEqualByComparingTo("10");
        assertThat(gpt.cachedInputPerMTok()).isEqualByComparingTo("1.25");
        ModelInfo info = c.info("openai", "gpt-4o").orElseThrow();
        assertThat(info.contextWindow()).isEqualTo(128_000L + 16_384L);
        assertThat(info.vision()).isTrue();
        assertThat(info.tier()).isEqualTo(ModelInfo.Tier.FRONTIER); // kept from the bundled entry
        ModelInfo qwen = c.info("together", "Qwen/Qwen3-Next-80B-A3B-Instruct").orElseThrow();
        assertThat(qwen.openWeights()).isTrue();
        assertThat(qwen.tier()).isEqualTo(ModelInfo.Tier.UNKNOWN);
        assertThat(c.find("together", "Qwen/Qwen3-Next-80B-A3B-Instruct").orElseThrow().outputPerMTok())
                .isEqualByComparingTo(new BigDecimal("1.5"));
    }

    @Test
    void userCatalogLayersOverTheBundledOne(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("catalog.json");
        LiteLlmCatalog.writeInto(user, convert().catalog());
        PriceCatalog c = PriceCatalog.load(user);
        assertThat(c.find("deepseek", "deepseek-reasoner").orElseThrow().inputPerMTok()).isEqualByComparingTo("0.55");
        assertThat(c.find("anthropic", "claude-sonnet-4-5")).isPresent(); // bundled entries stay
        assertThat(PriceCatalog.bundled().find("deepseek", "deepseek-reasoner").orElseThrow().inputPerMTok())
                .isEqualByComparingTo("0.3");
    }

    @Test
    void bundledCatalogHasCapabilitiesForEveryEntryAndJurisdictionsForEveryHost() {
        PriceCatalog c = PriceCatalog.bundled();
        assertThat(c.entries()).allSatisfy(p -> assertThat(c.info(p.provider(), p.model())).as(p.model()).isPresent());
        assertThat(c.vendors()).extracting(VendorInfo::provider).contains("openai", "anthropic", "google", "deepseek",
                "qwen", "moonshot", "together", "fireworks", "groq", "openrouter", "mistral");
        assertThat(c.vendor("dashscope").orElseThrow().jurisdiction()).isEqualTo("CN / SG");
        assertThat(c.vendor("mistral").orElseThrow().asOf()).isNotNull();
    }
}
