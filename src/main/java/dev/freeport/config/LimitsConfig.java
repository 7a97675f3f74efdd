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
 */
public record LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound, Duration deadline) {

    public enum Backend { MEMORY, REDIS }

    /** The counters' deadline when the config sets none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

    public static final LimitsConfig EMBEDDED = new LimitsConfig(Backend.MEMORY, null, 4096);

    public LimitsConfig {
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
    }

    /** With the default deadline. */
    public LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound) {
        this(backend, redisUrl, defaultOutputBound, DEFAULT_DEADLINE);
    }
}
