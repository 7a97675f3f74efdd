package dev.freeport.provider.sandbox;

import java.util.List;

/**
 * What a simulated model answers to one request, before it is shaped into OpenAI JSON.
 *
 * @param contentPieces    the answer text in stream-sized pieces (joined = the content); empty for tool calls
 * @param toolCalls        the tool calls; empty for a text answer
 * @param finishReason     "stop", "length" or "tool_calls"
 * @param completionTokens output tokens as counted by {@link dev.freeport.tokens.TokenCounter}
 */
record Answer(List<String> contentPieces, List<ToolCall> toolCalls, String finishReason, int completionTokens) {

    /** One function call: its id ("call_..."), function name and JSON arguments. */
    record ToolCall(String id, String name, String arguments) {
    }

    String content() {
        return String.join("", contentPieces);
    }

    boolean isToolCalls() {
        return !toolCalls.isEmpty();
    }
}
