package dev.freeport.api;

/**
 * Token usage of one request, as the provider reported it or, when {@code estimated}, as Freeport counted it.
 * Input tokens include cached-input and cache-creation tokens; output tokens include reasoning tokens.
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long cacheCreationTokens,
                    long reasoningTokens, boolean estimated) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    public static Usage of(long input, long output) {
        return new Usage(input, output, 0, 0, 0, false);
    }

    public Usage asEstimated() {
        return new Usage(inputTokens, outputTokens, cachedInputTokens, cacheCreationTokens, reasoningTokens, true);
    }

    public boolean isEmpty() {
        return inputTokens == 0 && outputTokens == 0;
    }
}
