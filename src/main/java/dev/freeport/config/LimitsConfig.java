package dev.freeport.config;

import java.time.Duration;

/**
 * Where budget and rate-limit counters live: MEMORY (one process, the embedded default) or REDIS (shared by
 * every replica; atomic Lua scripts).
 *
 * @param redisUrl           redis://host:port (for REDIS)
 * @param defaultOutputBound output tokens assumed for a request that sets no max_tokens when reserving budget
 * @param deadline           how long a request waits for the counters' answer before it fails closed with 503
 *                           {@code limits_unavailable} (the in-process counters answer at once)
 * @param cacheReadTimeout   with REDIS: how long the response cache waits for a kept answer before it serves the
 *                           request as a miss (the cache never fails or holds a request for long)
 */
public record LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound, Duration deadline,
                           Duration cacheReadTimeout) {

    public enum Backend { MEMORY, REDIS }

    /** The counters' deadline when the config sets none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

    /** The response cache's Redis read timeout when the config sets none. */
    public static final Duration DEFAULT_CACHE_READ_TIMEOUT = Duration.ofMillis(200);

    public static final LimitsConfig EMBEDDED = new LimitsConfig(Backend.MEMORY, null, 4096);

    public LimitsConfig {
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        cacheReadTimeout = cacheReadTimeout == null ? DEFAULT_CACHE_READ_TIMEOUT : cacheReadTimeout;
    }

    /** With the default cache read timeout. */
    public LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound, Duration deadline) {
        this(backend, redisUrl, defaultOutputBound, deadline, DEFAULT_CACHE_READ_TIMEOUT);
    }

    /** With the default deadline and cache read timeout. */
    public LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound) {
        this(backend, redisUrl, defaultOutputBound, DEFAULT_DEADLINE);
    }
}
