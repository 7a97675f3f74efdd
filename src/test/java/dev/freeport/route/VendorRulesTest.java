package dev.freeport.route;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VendorRulesTest {
    static final TargetProfile DEEPSEEK = new TargetProfile("deepseek", "CN", "CN", Trust.PUBLIC_API, null);
    static final TargetProfile MISTRAL = new TargetProfile("mistral", "FR", "EU", Trust.PUBLIC_API, null);
    static final TargetProfile AZURE_EU = new TargetProfile("microsoft", "US", "DE", Trust.CONTRACTED, null);
    static final TargetProfile GPU = new TargetProfile("self", null, null, Trust.SELF_HOSTED, null);

    static VendorRules allowJurisdictions(String... codes) {
        return new VendorRules(Set.of(), Set.of(), Set.of(codes), Set.of(), Set.of());
    }

    @Test
    void euAllowsEuCountriesAndTheEuRegionButNotAnAmericanVendorHostedInFrankfurt() {
        VendorRules eu = allowJurisdictions("eu");
        assertThat(eu.refuses(MISTRAL)).isNull();
        assertThat(eu.refuses(AZURE_EU)).isEqualTo("jurisdiction US / DE is outside [EU]");
        assertThat(eu.refuses(GPU)).as("unknown jurisdiction never satisfies an allow list").isNotNull();
    }

    @Test
    void denyingAJurisdictionCatchesTheHomeCountryOrTheRegion() {
        VendorRules noUs = new VendorRules(Set.of(), Set.of(), Set.of(), Set.of("US"), Set.of());
        assertThat(noUs.refuses(AZURE_EU)).startsWith("jurisdiction US / DE is denied");
        assertThat(noUs.refuses(MISTRAL)).isNull();
        assertThat(noUs.refuses(GPU)).isNull();
    }

    @Test
    void denyWinsOverAllowForVendors() {
        VendorRules r = new VendorRules(Set.of("DeepSeek", "mistral"), Set.of("deepseek"), Set.of(), Set.of(),
                Set.of());
        assertThat(r.refuses(DEEPSEEK)).isEqualTo("vendor deepseek is denied");
        assertThat(r.refuses(MISTRAL)).isNull();
        assertThat(r.refuses(AZURE_EU)).startsWith("vendor microsoft is not in the allowed vendors");
    }

    @Test
    void trustLevelsListWhatIsAllowed() {
        VendorRules r = new VendorRules(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(Trust.SELF_HOSTED,
                Trust.CONTRACTED));
        assertThat(r.refuses(GPU)).isNull();
        assertThat(r.refuses(AZURE_EU)).isNull();
        assertThat(r.refuses(DEEPSEEK)).isEqualTo("trust level public is not in [contracted, self-hosted]");
    }

    @Test
    void emptyRulesAllowEverything() {
        assertThat(VendorRules.NONE.isEmpty()).isTrue();
        assertThat(VendorRules.NONE.refuses(DEEPSEEK)).isNull();
    }

    @Test
    void vendorAliasesNameTheSameVendor() {
        TargetProfile gemini = new TargetProfile("google", "US", "US", Trust.PUBLIC_API, null);
        VendorRules r = new VendorRules(Set.of(), Set.of("Gemini", "kimi"), Set.of(), Set.of(), Set.of());
        assertThat(r.refuses(gemini)).isEqualTo("vendor google is denied");
        assertThat(r.denyVendors()).containsExactlyInAnyOrder("google", "moonshot");
    }
}
