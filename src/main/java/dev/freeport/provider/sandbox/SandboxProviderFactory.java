package dev.freeport.provider.sandbox;

import dev.freeport.config.ProviderConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;

/** {@code type: sandbox}: simulated models, in process. */
public final class SandboxProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "sandbox";
    }

    @Override
    public Provider create(ProviderConfig config, Services services) {
        return new SandboxProvider(services.vertx(), config);
    }
}
