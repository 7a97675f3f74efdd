package dev.freeport.dialect.gemini;

import java.util.Set;

/**
 * Gemini {@code finishReason} → OpenAI {@code finish_reason}: STOP → stop (tool_calls when the candidate called a
 * function), MAX_TOKENS → length, the safety family (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII,
 * IMAGE_SAFETY, IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION) → content_filter, anything else (LANGUAGE, OTHER,
 * MALFORMED_FUNCTION_CALL, ...) → stop.
 */
final class FinishReasons {
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private FinishReasons() {
    }

    /** Null when {@code reason} is null (the candidate is not finished yet). */
    static String toOpenAi(String reason, boolean calledTools) {
        if (reason == null) {
            return null;
        }
        if ("MAX_TOKENS".equals(reason)) {
            return "length";
        }
        if (FILTERED.contains(reason)) {
            return "content_filter";
        }
        return calledTools ? "tool_calls" : "stop";
    }
}
