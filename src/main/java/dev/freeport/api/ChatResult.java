package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete (non-streaming) answer in OpenAI chat.completion format, with its usage.
 * {@code finishReason} is the first choice's finish_reason (null if none).
 */
public record ChatResult(ObjectNode body, Usage usage, String finishReason, ObjectNode nativeAnthropic) {

    /**
     * An answer; {@code nativeAnthropic} (the other constructor) is the upstream's own Anthropic message when the
     * request was passed through natively, so the Anthropic front can return it untouched.
     */
    public ChatResult(ObjectNode body, Usage usage, String finishReason) {
        this(body, usage, finishReason, null);
    }
}
