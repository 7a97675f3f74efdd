package dev.freeport.config;

/**
 * Where budget and rate-limit counters live: MEMORY (one process, the embedded default) or REDIS (shared by
 * every replica; atomic Lua scripts).
 *
 * @param redisUrl           redis://host:port (for REDIS)
 * @param defaultOutputBound output tokens assumed for a request that sets no max_tokens when reserving budget
 */
public record LimitsConfig(Backend backend, String redisUrl, int defaultOutputBound) {

    public enum Backend { MEMORY, REDIS }

    public static final LimitsConfig EMBEDDED = new LimitsConfig(Backend.MEMORY, null, 4096);
}
