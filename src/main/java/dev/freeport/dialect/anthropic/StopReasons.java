package dev.freeport.dialect.anthropic;

/**
 * Anthropic {@code stop_reason} ⇄ OpenAI {@code finish_reason}, in both directions so the Anthropic front end
 * can reuse it.
 */
public final class StopReasons {
    private StopReasons() {
    }

    /** Anthropic stop_reason → OpenAI finish_reason; null stays null, unknown reasons become "stop". */
    public static String toOpenAi(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn, and anything new
        };
    }

    /** OpenAI finish_reason → Anthropic stop_reason; null stays null, unknown reasons become "end_turn". */
    public static String toAnthropic(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
