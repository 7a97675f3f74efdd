package dev.freeport.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled catalog of 2026-12-04: coverage, provenance of every entry, aliases. */
class CatalogCurrentTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();

    private static JsonArray raw() throws Exception {
        try (InputStream in = PriceCatalog.class.getResourceAsStream("/catalog/prices.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("prices");
        }
    }

    @Test
    void everyPresetVendorHasPricedModels() {
        Set<String> providers = CATALOG.sheets().stream().map(PriceSheet::provider).collect(Collectors.toSet());
        assertThat(providers).contains("openai", "anthropic", "google", "deepseek", "deepseek-cn", "qwen", "qwen-cn",
                "moonshot", "zhipu", "minimax", "mistral", "poolside", "together", "fireworks", "groq", "openrouter",
                "cerebras", "siliconflow", "deepinfra");
    }

    @Test
    void everyVendorHasAJurisdictionEntry() {
        Set<String> vendors = CATALOG.vendors().stream().map(VendorInfo::provider).collect(Collectors.toSet());
        assertThat(vendors).containsAll(CATALOG.sheets().stream().map(PriceSheet::provider).toList());
    }

    @Test
    void theCodingModelsTeamsUseArePriced() {
        List<String[]> coding = List.of(new String[] {"qwen", "qwen3-coder-plus"},
                new String[] {"moonshot", "kimi-k2.7-code"}, new String[] {"moonshot", "kimi-k3"},
                new String[] {"deepseek", "deepseek-flash"}, new String[] {"deepseek", "deepseek-v4-pro"},
                new String[] {"zhipu", "glm-5.2"}, new String[] {"poolside", "laguna-xs.2"},
                new String[] {"openai", "gpt-6.2-sol"}, new String[] {"anthropic", "claude-opus-5-5"},
                new String[] {"anthropic", "claude-haiku-5-5"}, new String[] {"google", "gemini-4-argon"});
        for (String[] m : coding) {
            assertThat(CATALOG.sheet(m[0], m[1])).as(m[0] + "/" + m[1]).isPresent();
            assertThat(CATALOG.info(m[0], m[1])).as(m[0] + "/" + m[1]).isPresent();
        }
    }

    @Test
    void everyEntryCarriesSourceDateAndVerifiedFlag() throws Exception {
        JsonArray entries = raw();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = entries.getJsonObject(i);
            String id = e.getString("provider") + "/" + e.getString("model");
            assertThat(e.getString("source")).as(id).startsWith("https://");
            assertThat(e.getString("asOf")).as(id).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(e.getValue("verified")).as(id).isInstanceOf(Boolean.class);
        }
    }

    @Test
    void everyNewUnverifiedEntrySaysWhy() throws Exception {
        JsonArray entries = raw();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = entries.getJsonObject(i);
            if (!e.getBoolean("verified") && "2026-12-04".equals(e.getString("asOf"))) {
                assertThat(e.getString("note")).as(e.getString("provider") + "/" + e.getString("model")).isNotBlank();
            }
        }
    }

    @Test
    void legacyDeepSeekNamesAreServedAndBilledAsFlash() {
        for (String legacy : List.of("deepseek-v4-flash", "deepseek-v4-flash-vision-exp", "deepseek-chat")) {
            PriceSheet s = CATALOG.sheet("deepseek", legacy).orElseThrow();
            assertThat(s.model()).isEqualTo(legacy);
            assertThat(s.rates()).isEqualTo(CATALOG.sheet("deepseek", "deepseek-flash").orElseThrow().rates());
            assertThat(CATALOG.info("deepseek", legacy).orElseThrow().contextWindow()).isEqualTo(1_000_000L);
        }
    }

    @Test
    void anAliasToAnUnknownModelIsACatalogError() {
        JsonObject bad = new JsonObject().put("prices", new JsonArray().add(new JsonObject().put("provider", "x")
                .put("model", "old").put("aliasOf", "missing")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceCatalog.parse(bad))
                .hasMessageContaining("x/old points to unknown model missing");
    }
}
