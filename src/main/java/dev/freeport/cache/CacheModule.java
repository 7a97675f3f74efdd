package dev.freeport.cache;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.module.Module;
import dev.freeport.module.ResponseCache;
import io.vertx.core.Vertx;


/**
 * The response cache as a module (docs/CACHE.md): answers of the aliases that configure {@code cache:} kept and
 * served again, exact or semantic, in this process or, when the limits run on Redis ({@code limits.backend: redis},
 * i.e. the gateway runs as replicas), in that Redis for every replica. Contributes the flow's step "cache".
 */
public final class CacheModule implements Module {
    private final AnswerStore store;
    private final ResponseCaches caches;

    private CacheModule(AnswerStore store, Embeddings embeddings) {
        this.store = store;
        this.caches = new ResponseCaches(store, embeddings);
    }

    /** The cache of {@code cfg}'s gateway; its store follows {@code limits.backend}. */
    public static CacheModule open(Vertx vertx, FreeportConfig cfg) {
        LimitsConfig limits = cfg.limits();
        AnswerStore store = limits.backend() == LimitsConfig.Backend.REDIS && limits.redisUrl() != null
                ? new RedisStore(vertx, limits.redisUrl(), limits.cacheReadTimeout().toMillis()) : new MemoryStore();
        CacheModule m = new CacheModule(store, new Embeddings(vertx));
        m.caches.config(cfg, null); // loads the embedding model now if an alias is semantic
        return m;
    }

    @Override
    public ResponseCache responseCache() {
        return caches;
    }

    @Override
    public void close() {
        store.close();
    }
}
