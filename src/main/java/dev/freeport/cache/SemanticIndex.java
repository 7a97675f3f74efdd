package dev.freeport.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.freeport.config.CacheConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The semantic cache's index, in this process: per alias, the embedding of each kept answer's last user turn with
 * its conversation context (everything but that turn, {@link RequestKey#context}), under the exact key the answer is
 * kept under. Bounded like the answers: at most {@code max_entries} turns per alias (1.5 KiB each), expiring with the
 * alias's TTL (Caffeine). A look-up scans the alias's turns of the same context for the most similar one at or above
 * the threshold that {@link TurnGuard} allows (same numbers, not the same words reordered): 384 multiply-adds per
 * turn of that context, so it runs on a worker thread with the embedding, never on the event loop.
 */
final class SemanticIndex {

    private record Entry(String context, String text, float[] vector) {
    }

    private record PerAlias(CacheConfig config, Cache<String, Entry> turns) {
    }

    private final Map<String, PerAlias> aliases = new ConcurrentHashMap<>();

    /** The exact key of the most similar kept turn of {@code context}, or null. */
    String nearest(String alias, String context, String text, float[] vector, double threshold) {
        PerAlias p = aliases.get(alias);
        if (p == null) {
            return null;
        }
        String best = null;
        double bestSimilarity = threshold;
        for (Map.Entry<String, Entry> kv : p.turns().asMap().entrySet()) {
            Entry e = kv.getValue();
            if (!e.context().equals(context)) {
                continue;
            }
            double s = cosine(vector, e.vector());
            if (s >= bestSimilarity && TurnGuard.compatible(e.text(), text)) {
                bestSimilarity = s;
                best = kv.getKey();
            }
        }
        return best;
    }

    /** Indexes the turn {@code text} of {@code context}, whose answer is kept under {@code key}. */
    void add(String alias, CacheConfig config, String context, String text, float[] vector, String key) {
        PerAlias p = aliases.get(alias);
        if (p == null || !p.config().equals(config)) {
            p = aliases.compute(alias, (a, old) -> old != null && old.config().equals(config) ? old
                    : new PerAlias(config, Caffeine.newBuilder().maximumSize(config.maxEntries())
                    .expireAfterWrite(config.ttl()).build()));
        }
        p.turns().put(key, new Entry(context, text, vector));
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
