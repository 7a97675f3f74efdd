package dev.freeport.provider.vertex;

import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;

import java.time.Clock;

/** {@code type: vertex}: the Vertex codec over the shared upstream client, with Google OAuth tokens. */
public final class VertexProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "vertex";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = VertexCodec.settings(config);
        CloudConfig.Vertex cloud = (CloudConfig.Vertex) config.cloud();
        Authorizer authorizer = settings.apiKey() != null ? Authorizer.NONE
                : new GoogleAuthorizer(services.vertx(), config.name(), cloud.credentialsFile(), cloud.tokenUrl(),
                Clock.systemUTC());
        return new HttpProvider(services.vertx(), settings,
                new VertexCodec(settings, cloud.project(), cloud.region(), Clock.systemUTC()),
                services.shared(UpstreamClient.class, UpstreamClient::new), authorizer);
    }
}
