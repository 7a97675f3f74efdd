package dev.freeport.config;

import java.time.Duration;

/**
 * An alias's response cache ({@code cache:} under a model, docs/CACHE.md): answers kept and served again to the same
 * request (EXACT) or to a request whose last user turn means the same (SEMANTIC, the in-process embedding model).
 *
 * @param mode           EXACT or SEMANTIC (semantic also serves exact repeats)
 * @param ttl            how long an answer is served after it was stored
 * @param maxEntries     answers kept per alias in memory (least recently used go first)
 * @param maxBytes       bytes of answers kept per alias in memory
 * @param scope          who shares answers: KEY (default), TEAM (a key without a team is its own scope) or GLOBAL
 * @param threshold      SEMANTIC: the cosine similarity a stored last user turn needs to be served, in (0, 1]
 * @param allowSampled   cache requests with a temperature other than 0 (or none) too
 * @param allowToolCalls keep answers that call tools too
 */
public record CacheConfig(Mode mode, Duration ttl, int maxEntries, long maxBytes, Scope scope, double threshold,
                          boolean allowSampled, boolean allowToolCalls) {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final double DEFAULT_THRESHOLD = 0.95;

    public enum Mode { EXACT, SEMANTIC }

    public enum Scope { KEY, TEAM, GLOBAL }

    /** An exact cache with the defaults. */
    public static CacheConfig exact() {
        return new CacheConfig(Mode.EXACT, DEFAULT_TTL, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES, Scope.KEY,
                DEFAULT_THRESHOLD, false, false);
    }
}
