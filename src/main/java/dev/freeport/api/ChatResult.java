package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A complete (non-streaming) answer in OpenAI chat.completion format, with its usage.
 * {@code finishReason} is the first choice's finish_reason (null if none).
 */
public record ChatResult(ObjectNode body, Usage usage, String finishReason) {
}
