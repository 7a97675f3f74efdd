package dev.freeport.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.freeport.config.CacheConfig;
import dev.freeport.module.CachedAnswer;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kept answers in this process: one Caffeine cache per alias (Ben Manes' Caffeine: TinyLFU/LRU eviction, expiry
 * after write, thread-safe without a global lock), bounded by both entries and bytes. Caffeine bounds by weight or
 * by count, not both, so each entry weighs at least {@code max_bytes / max_entries}: then the weight bound
 * {@code max_bytes} also holds the count to {@code max_entries}. An alias whose settings change gets a new cache.
 */
final class MemoryStore implements AnswerStore {
    /** What an entry holds besides its JSON (key, usage, names), counted toward max_bytes. */
    static final int OVERHEAD = 256;

    private record PerAlias(CacheConfig config, Cache<String, CachedAnswer> cache) {
    }

    private final Map<String, PerAlias> aliases = new ConcurrentHashMap<>();

    @Override
    public Future<CachedAnswer> get(String alias, String key) {
        PerAlias p = aliases.get(alias);
        return Future.succeededFuture(p == null ? null : p.cache().getIfPresent(key));
    }

    @Override
    public void put(String alias, CacheConfig config, String key, CachedAnswer answer) {
        PerAlias p = aliases.get(alias);
        if (p == null || !p.config().equals(config)) {
            p = aliases.compute(alias, (a, old) -> old != null && old.config().equals(config) ? old
                    : new PerAlias(config, build(config)));
        }
        p.cache().put(key, answer);
    }

    private static Cache<String, CachedAnswer> build(CacheConfig c) {
        long maxBytes = c.maxBytes();
        int floor = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / c.maxEntries()));
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, CachedAnswer a) -> Math.max(floor, (int) Math.min(Integer.MAX_VALUE,
                        (long) a.json().length + k.length() + OVERHEAD)))
                .expireAfterWrite(c.ttl())
                .build();
    }

    /** Entries kept for {@code alias} (for tests and metrics; approximate while evictions run). */
    long size(String alias) {
        PerAlias p = aliases.get(alias);
        if (p == null) {
            return 0;
        }
        p.cache().cleanUp();
        return p.cache().estimatedSize();
    }
}
