package dev.freeport.route.assembly;

import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.CloudConfig;
import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.route.TargetProfile;
import dev.freeport.route.Trust;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a cloud target processes requests, and its price, from the provider's region and the model id. */
class CloudProfilesTest {
    static final PriceCatalog CATALOG = PriceCatalog.bundled();

    static ProviderConfig provider(String type, CloudConfig cloud) {
        return new ProviderConfig("p", type, null, null, null, Map.of(), null, Map.of(), null, cloud);
    }

    static TargetProfile bedrock(String region, String model) {
        return Profiles.profileFor(CATALOG, provider("bedrock", new CloudConfig.Bedrock(region, null, null)),
                new TargetConfig("p", model, 1, null));
    }

    @Test
    void aBedrockModelInEuCentral1IsProcessedInGermanyUnderAContractWithAws() {
        TargetProfile p = bedrock("eu-central-1", "anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(p.hostingRegion()).isEqualTo("DE");
        assertThat(p.vendor()).isEqualTo("bedrock");
        assertThat(p.homeCountry()).isEqualTo("US");
        assertThat(p.trust()).isEqualTo(Trust.CONTRACTED);
        assertThat(p.capabilities()).isNotNull();
    }

    @Test
    void anInferenceProfileIsProcessedInItsGeographyWhateverTheRegion() {
        assertThat(bedrock("eu-central-1", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0").hostingRegion())
                .isEqualTo("EU");
        assertThat(bedrock("eu-central-1", "us.anthropic.claude-sonnet-4-5-20250929-v1:0").hostingRegion())
                .isEqualTo("US");
        assertThat(bedrock("eu-central-1", "global.anthropic.claude-sonnet-4-5-20250929-v1:0").hostingRegion())
                .isNull();
        assertThat(bedrock("us-east-1", "arn:aws:bedrock:eu-west-3:123456789012:inference-profile/"
                + "eu.anthropic.claude-sonnet-4-5-20250929-v1:0").hostingRegion()).isEqualTo("EU");
    }

    @Test
    void vertexAndAzureRegionsNameTheirCountry() {
        TargetProfile v = Profiles.profileFor(CATALOG, provider("vertex", new CloudConfig.Vertex("acme-prod",
                "europe-west4", null, null)), new TargetConfig("p", "gemini-2.5-flash", 1, null));
        assertThat(v.hostingRegion()).isEqualTo("NL");
        assertThat(v.vendor()).isEqualTo("vertex");
        TargetProfile a = Profiles.profileFor(CATALOG, provider("azure", new CloudConfig.Azure(null, null, null, null,
                null, "eu")), new TargetConfig("p", "gpt-5-mini", 1, null));
        assertThat(a.hostingRegion()).isEqualTo("EU");
    }

    @Test
    void anInferenceProfileIsPricedAsItsModel() {
        FreeportConfig config = ConfigLoader.parse("providers:\n  p: { type: bedrock, region: eu-central-1 }\n"
                + "models:\n  - { name: m, targets: [ \"p/eu.anthropic.claude-sonnet-4-5-20250929-v1:0\" ] }\n",
                "t.yaml", Map.of());
        var price = Pricing.priceFor(config, CATALOG, config.providers().get("p"),
                config.models().getFirst().targets().getFirst());
        assertThat(price).isNotNull();
        assertThat(price.inputPerMTok()).isEqualByComparingTo(new BigDecimal("3"));
        assertThat(price.outputPerMTok()).isEqualByComparingTo(new BigDecimal("15"));
    }

    @Test
    void aCnyBilledTargetGetsAUsdPriceAtTheConfiguredRateForBudgetsAndRouting() {
        FreeportConfig config = ConfigLoader.parse("pricing: { fx: { CNY: \"0.14\" } }\nproviders:\n"
                + "  cn: { type: openai, base_url: \"http://cn.example/v1\", vendor: deepseek-cn }\n"
                + "models:\n  - { name: m, targets: [ cn/deepseek-flash ] }\n", "t.yaml", Map.of());
        var price = Pricing.priceFor(config, CATALOG, config.providers().get("cn"),
                config.models().getFirst().targets().getFirst());
        assertThat(price).isNotNull();
        assertThat(price.inputPerMTok()).isEqualByComparingTo(new BigDecimal("0.28"));   // CNY 2 x 0.14
        assertThat(price.outputPerMTok()).isEqualByComparingTo(new BigDecimal("1.12"));  // CNY 8 x 0.14
    }
}
