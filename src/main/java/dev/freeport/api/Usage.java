package dev.freeport.api;

import java.util.Map;

/**
 * Token usage of one request, as the provider reported it or, when {@code estimated}, as Freeport counted it.
 * Input tokens include cached-input and cache-creation tokens; output tokens include reasoning tokens.
 *
 * @param cacheWrite1hTokens the part of {@code cacheCreationTokens} written with a 1-hour TTL (Anthropic's
 *                           {@code cache_creation.ephemeral_1h_input_tokens}); the rest is the default TTL
 * @param serverToolCalls    server-tool calls the vendor bills per call, by the catalog's name ("web_search" → n)
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheCreationTokens,
                    long reasoningTokens, boolean estimated, long cacheWrite1hTokens,
                    Map<String, Long> serverToolCalls) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    public Usage {
        serverToolCalls = serverToolCalls == null || serverToolCalls.isEmpty() ? Map.of()
                : Map.copyOf(serverToolCalls);
    }

    /** Token counts only: no 1-hour cache writes, no server-tool calls. */
    public Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheCreationTokens,
                 long reasoningTokens, boolean estimated) {
        this(inputTokens, outputTokens, cachedInputTokens, cacheCreationTokens, reasoningTokens, estimated, 0,
                Map.of());
    }

    public static Usage of(long input, long output) {
        return new Usage(input, output, 0, 0, 0, false);
    }

    public Usage asEstimated() {
        return new Usage(inputTokens, outputTokens, cachedInputTokens, cacheCreationTokens, reasoningTokens, true,
                cacheWrite1hTokens, serverToolCalls);
    }

    public boolean isEmpty() {
        return inputTokens == 0 && outputTokens == 0;
    }
}
