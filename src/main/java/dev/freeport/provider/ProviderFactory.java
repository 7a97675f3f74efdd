package dev.freeport.provider;

import dev.freeport.config.ProviderConfig;
import io.vertx.core.Vertx;

import java.util.function.Function;

/**
 * Makes the providers of one {@code type:} ("openai", "anthropic", ...). Each provider package has one factory,
 * listed in {@code META-INF/services/dev.freeport.provider.ProviderFactory}; {@link ProviderTypes} finds them, so
 * adding a provider type touches no switch anywhere.
 */
public interface ProviderFactory {

    /** The {@code type:} this factory makes providers for. */
    String type();

    /** A provider for one {@code providers:} entry of the config. Called off the event loop, at (re)load. */
    Provider create(ProviderConfig config, Services services);

    /** What every provider of a gateway shares. */
    interface Services {
        Vertx vertx();

        /**
         * The one instance of {@code type} for the whole gateway (e.g. the pooled upstream HTTP client), made on
         * first use with {@code make} and closed with the gateway.
         */
        <T extends AutoCloseable> T shared(Class<T> type, Function<Vertx, T> make);
    }
}
