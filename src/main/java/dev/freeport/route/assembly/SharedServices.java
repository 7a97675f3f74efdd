package dev.freeport.route.assembly;

import dev.freeport.provider.ProviderFactory;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

/** What a gateway's providers share (the pooled upstream client, ...): made on first use, closed with the gateway. */
public final class SharedServices implements ProviderFactory.Services, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedServices.class.getName());

    private final Vertx vertx;
    private final Map<Class<?>, AutoCloseable> shared = new ConcurrentHashMap<>();

    public SharedServices(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public <T extends AutoCloseable> T shared(Class<T> type, Function<Vertx, T> make) {
        return type.cast(shared.computeIfAbsent(type, t -> make.apply(vertx)));
    }

    @Override
    public void close() {
        for (AutoCloseable c : new ArrayList<>(shared.values())) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warning("a shared provider service did not close cleanly: " + e.getMessage());
            }
        }
        shared.clear();
    }
}
