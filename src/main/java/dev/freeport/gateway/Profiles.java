package dev.freeport.gateway;

import dev.freeport.catalog.ModelInfo;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.VendorInfo;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.route.TargetProfile;
import dev.freeport.route.Trust;

import java.util.Locale;
import java.util.Set;

/**
 * Decides each target's {@link TargetProfile} once, when the runtime is built. Vendor and jurisdiction come from
 * the catalog's entry for the provider's preset (or type); self-hosted presets (vllm, sglang, ollama, llamacpp,
 * lmstudio) and the sandbox are vendor "self", trust self-hosted, jurisdiction unknown; everything else is a
 * public API. Capabilities come from the catalog's model entry.
 */
final class Profiles {
    static final Set<String> SELF_HOSTED = Set.of("vllm", "sglang", "ollama", "llamacpp", "lmstudio", "tgi",
            "sandbox");

    private Profiles() {
    }

    static TargetProfile profileFor(PriceCatalog catalog, ProviderConfig provider, TargetConfig target) {
        String catalogProvider = provider.preset() != null ? provider.preset() : provider.type();
        ModelInfo info = catalog.info(catalogProvider, target.model()).orElse(null);
        if (SELF_HOSTED.contains(catalogProvider.toLowerCase(Locale.ROOT))) {
            return new TargetProfile("self", null, null, Trust.SELF_HOSTED, info);
        }
        VendorInfo v = catalog.vendor(catalogProvider).orElse(null);
        if (v == null) {
            return new TargetProfile(provider.name().toLowerCase(Locale.ROOT), null, null, Trust.PUBLIC_API, info);
        }
        return new TargetProfile(v.provider(), v.homeCountry(), v.hostingRegion(), Trust.PUBLIC_API, info);
    }
}
