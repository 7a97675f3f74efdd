package dev.freeport.testing;

import java.util.Objects;

/**
 * One tool call the fake upstream answers with: the function name and its arguments as a JSON object text.
 * The id is optional; when null each wire format makes its own ("call_..." for OpenAI, "toolu_..." for Anthropic).
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }

    /** A call with a generated id. */
    public static ToolCall of(String name, String argumentsJson) {
        return new ToolCall(null, name, argumentsJson);
    }
}
