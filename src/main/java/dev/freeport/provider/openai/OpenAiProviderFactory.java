package dev.freeport.provider.openai;

import dev.freeport.api.VendorNames;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;

/** {@code type: openai}: the OpenAi codec over the shared upstream client. */
public final class OpenAiProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "openai";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = OpenAiPresets.settings(config);
        return new HttpProvider(services.vertx(), settings, new OpenAiCodec(settings, isMoonshot(config)),
                services.shared(UpstreamClient.class, UpstreamClient::new)).withBatches(config);
    }

    /** Moonshot's API (the preset, or a provider whose vendor is Moonshot's, international or mainland). */
    static boolean isMoonshot(ProviderConfig config) {
        String vendor = config.placement() == null ? null : VendorNames.canonical(config.placement().vendor());
        return "moonshot".equals(VendorNames.canonical(config.preset())) || "moonshot".equals(vendor)
                || "moonshot-cn".equals(vendor);
    }
}
