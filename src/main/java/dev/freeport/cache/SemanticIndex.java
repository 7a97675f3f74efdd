package dev.freeport.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.freeport.config.CacheConfig;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The semantic cache's index, in this process: per alias and conversation context (everything but the last user
 * turn, {@link RequestKey#context}), the embeddings of the last user turns answered, each pointing at the exact key
 * its answer is kept under. A look-up scans the context's entries (at most {@link #PER_CONTEXT}, newest kept) for
 * the most similar one at or above the threshold that {@link TurnGuard} allows (same numbers, not the same words
 * reordered): 384 multiply-adds per entry, cheap enough for the event loop.
 * Contexts are bounded per alias by {@code max_entries} and expire with the alias's TTL (Caffeine).
 */
final class SemanticIndex {
    static final int PER_CONTEXT = 64;

    private record Entry(float[] vector, String text, String key, long expiresAtMillis) {
    }

    private record PerAlias(CacheConfig config, Cache<String, Deque<Entry>> contexts) {
    }

    private final Map<String, PerAlias> aliases = new ConcurrentHashMap<>();

    /**
     * The exact key of the most similar turn of {@code context} at or above {@code threshold} that {@link TurnGuard}
     * lets answer {@code text}, or null.
     */
    String nearest(String alias, String context, String text, float[] vector, double threshold, long nowMillis) {
        PerAlias p = aliases.get(alias);
        Deque<Entry> entries = p == null ? null : p.contexts().getIfPresent(context);
        if (entries == null) {
            return null;
        }
        String best = null;
        double bestSimilarity = threshold;
        synchronized (entries) {
            for (Entry e : entries) {
                if (e.expiresAtMillis() <= nowMillis) {
                    continue;
                }
                double s = cosine(vector, e.vector());
                if (s >= bestSimilarity && TurnGuard.compatible(e.text(), text)) {
                    bestSimilarity = s;
                    best = e.key();
                }
            }
        }
        return best;
    }

    void add(String alias, CacheConfig config, String context, String text, float[] vector, String key,
             long nowMillis) {
        PerAlias p = aliases.get(alias);
        if (p == null || !p.config().equals(config)) {
            p = aliases.compute(alias, (a, old) -> old != null && old.config().equals(config) ? old
                    : new PerAlias(config, Caffeine.newBuilder().maximumSize(config.maxEntries())
                    .expireAfterWrite(config.ttl()).build()));
        }
        Deque<Entry> entries = p.contexts().get(context, c -> new ArrayDeque<>());
        synchronized (entries) {
            entries.removeIf(e -> e.key().equals(key) || e.expiresAtMillis() <= nowMillis);
            entries.addFirst(new Entry(vector, text, key, nowMillis + config.ttl().toMillis()));
            while (entries.size() > PER_CONTEXT) {
                entries.removeLast();
            }
        }
    }

    /** Cosine similarity (the model's vectors are unit length, but a stored vector is not trusted to be). */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length && i < b.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
