package dev.freeport.provider.anthropic;

import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;

/** {@code type: anthropic}: the Anthropic codec over the shared upstream client. */
public final class AnthropicProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = AnthropicCodec.settings(config);
        return new HttpProvider(services.vertx(), settings, new AnthropicCodec(settings),
                services.shared(UpstreamClient.class, UpstreamClient::new)).withBatches(config);
    }
}
