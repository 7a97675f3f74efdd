package dev.freeport.provider.azure;

import dev.freeport.config.CloudConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.http.Authorizer;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;

import java.time.Clock;

/** {@code type: azure}: the Azure codec over the shared upstream client, with an api-key or Entra ID tokens. */
public final class AzureProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "azure";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        var settings = AzureCodec.settings(config);
        UpstreamClient client = services.shared(UpstreamClient.class, UpstreamClient::new);
        CloudConfig.Azure cloud = (CloudConfig.Azure) config.cloud();
        Authorizer authorizer = settings.apiKey() != null || cloud == null || !cloud.entra() ? Authorizer.NONE
                : new EntraAuthorizer(client, config.name(), cloud.tenantId(), cloud.clientId(), cloud.clientSecret(),
                cloud.tokenUrl(), Clock.systemUTC());
        return new HttpProvider(services.vertx(), settings, new AzureCodec(settings, AzureCodec.apiVersion(config)),
                client, authorizer);
    }
}
