package dev.freeport.config;

/**
 * A simulated model of the sandbox provider.
 *
 * @param ttftMillis        time to first token
 * @param tokensPerSecond   output speed when streaming (and total time when not)
 * @param maxOutputTokens   answer length cap when the request sets none
 * @param errorRate         share of requests answered 500 (0..1)
 * @param rateLimitRate     share of requests answered 429 with Retry-After (0..1)
 * @param cutRate           share of streams cut in the middle (0..1)
 * @param embeddingDims     dimensions of embeddings (0 = no embeddings)
 * @param seed              seed for fault draws (faults are random but reproducible per request text)
 */
public record SandboxModelConfig(long ttftMillis, double tokensPerSecond, int maxOutputTokens, double errorRate,
                                 double rateLimitRate, double cutRate, int embeddingDims, long seed) {

    public static final SandboxModelConfig DEFAULTS = new SandboxModelConfig(200, 80, 256, 0, 0, 0, 256, 0);
}
