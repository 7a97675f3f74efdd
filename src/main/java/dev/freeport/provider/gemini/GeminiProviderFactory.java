package dev.freeport.provider.gemini;

import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;

/** {@code type: gemini}: the Gemini codec over the shared upstream client. */
public final class GeminiProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "gemini";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = GeminiCodec.settings(config);
        return new HttpProvider(services.vertx(), settings, new GeminiCodec(settings),
                services.shared(UpstreamClient.class, UpstreamClient::new));
    }
}
