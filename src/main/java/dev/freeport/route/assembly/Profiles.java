package dev.freeport.route.assembly;

import dev.freeport.api.VendorNames;
import dev.freeport.catalog.CloudRegions;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.VendorInfo;
import dev.freeport.config.CapabilitiesConfig;
import dev.freeport.config.Placement;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.route.TargetProfile;
import dev.freeport.route.Trust;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Decides each target's {@link TargetProfile} once, when the runtime is built. Vendor and jurisdiction come from
 * the catalog's entry for the provider's preset (else its configured vendor, else its type); self-hosted presets
 * (vllm, sglang, ollama, llamacpp, lmstudio) and the sandbox are vendor "self", trust self-hosted, jurisdiction
 * unknown; the clouds (azure, bedrock, vertex) are contracted, processing where their region is
 * ({@link CloudRegions}: a Bedrock model in eu-central-1 runs in DE, an {@code eu.} inference profile in the EU);
 * everything else is a public API. Capabilities come from the catalog's model entry. The provider's
 * {@code vendor, jurisdiction, region, trust} and the target's {@code capabilities} override them.
 */
public final class Profiles {
    static final Set<String> SELF_HOSTED = Set.of("vllm", "sglang", "ollama", "llamacpp", "lmstudio", "tgi",
            "sandbox");

    private Profiles() {
    }

    /**
     * A provider's profile as routing sees it (vendor, jurisdiction, trust), for any of its models: what the audit
     * reports vendors and jurisdictions by, so that routing, explain, drill and the audit name vendors alike.
     */
    public static TargetProfile forProvider(PriceCatalog catalog, ProviderConfig provider) {
        return profileFor(catalog, provider, new TargetConfig(provider.name(), "", 1, null));
    }

    /**
     * The catalog provider a configured provider's models are looked up under: its preset, else its {@code vendor:}
     * (a {@code type: anthropic} provider at DeepSeek's Anthropic-compatible endpoint with {@code vendor: deepseek}
     * is priced as DeepSeek), else its type.
     */
    static String catalogProvider(ProviderConfig provider) {
        if (provider.preset() != null) {
            return provider.preset();
        }
        Placement p = provider.placement();
        return p != null && p.vendor() != null ? VendorNames.canonical(p.vendor()) : provider.type();
    }

    static TargetProfile profileFor(PriceCatalog catalog, ProviderConfig provider, TargetConfig target) {
        String catalogProvider = catalogProvider(provider);
        ModelInfo info = capabilities(catalog.info(catalogProvider, CloudRegions.catalogModel(provider.type(),
                target.model())).orElse(null), provider,
                target);
        TargetProfile base;
        if (SELF_HOSTED.contains(catalogProvider.toLowerCase(Locale.ROOT))) {
            base = new TargetProfile("self", null, null, Trust.SELF_HOSTED, info);
        } else if (provider.cloud() != null) {
            VendorInfo v = catalog.vendor(catalogProvider).orElse(null);
            base = new TargetProfile(v == null ? provider.type() : v.provider(), v == null ? null : v.homeCountry(),
                    CloudRegions.processingRegion(provider.type(), provider.cloud().region(), target.model()),
                    Trust.CONTRACTED, info);
        } else {
            VendorInfo v = catalog.vendor(catalogProvider).orElse(null);
            base = v == null ? new TargetProfile(provider.name().toLowerCase(Locale.ROOT), null, null, Trust.PUBLIC_API,
                    info) : new TargetProfile(v.provider(), v.homeCountry(), v.hostingRegion(), Trust.PUBLIC_API, info);
        }
        Placement p = provider.placement();
        if (p == null) {
            return base;
        }
        boolean self = (p.trust() != null ? Trust.parse(p.trust()) : base.trust()) == Trust.SELF_HOSTED;
        String home = p.jurisdiction() != null ? p.jurisdiction()
                : self && base.homeCountry() == null ? p.region() : base.homeCountry();
        return new TargetProfile(p.vendor() != null ? VendorNames.canonical(p.vendor()) : base.vendor(), home,
                p.region() != null ? p.region() : base.hostingRegion(),
                p.trust() != null ? Trust.parse(p.trust()) : base.trust(), info);
    }

    /** The catalog's capabilities with the target's overrides; null when neither says anything. */
    private static ModelInfo capabilities(ModelInfo m, ProviderConfig provider, TargetConfig target) {
        CapabilitiesConfig c = target.capabilities();
        if (c == null) {
            return m;
        }
        if (m == null) {
            // unknown model: what is not written is assumed possible
            m = new ModelInfo(provider.name(), target.model(), null, null, true, true, true, true, false,
                    ModelInfo.Tier.UNKNOWN, "config", LocalDate.now());
        }
        return new ModelInfo(m.provider(), m.model(), c.contextWindow() != null ? c.contextWindow()
                : m.contextWindow(), m.maxOutput(), c.tools() != null ? c.tools() : m.tools(),
                c.vision() != null ? c.vision() : m.vision(), c.json() != null ? c.json() : m.json(),
                c.reasoning() != null ? c.reasoning() : m.reasoning(), m.openWeights(), m.tier(),
                "config over " + m.source(), m.asOf());
    }
}
