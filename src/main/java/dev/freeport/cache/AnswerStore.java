package dev.freeport.cache;

import dev.freeport.config.CacheConfig;
import dev.freeport.module.CachedAnswer;
import io.vertx.core.Future;

/** Where kept answers live: in this process ({@link MemoryStore}) or in Redis for every replica ({@link RedisStore}). */
interface AnswerStore extends AutoCloseable {

    /** The answer kept under {@code key} for {@code alias}, or null; never fails (a store that fails is a miss). */
    Future<CachedAnswer> get(String alias, String key);

    /** Keeps {@code answer} under {@code key} for {@code alias}, under the alias's TTL and bounds. */
    void put(String alias, CacheConfig config, String key, CachedAnswer answer);

    @Override
    default void close() {
    }
}
