package dev.freeport.provider;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.Timeouts;

/**
 * One attempt of a chat request against one target.
 *
 * @param request       the caller's request (alias in {@code request.model()})
 * @param upstreamModel the model name the upstream knows
 * @param timeouts      this target's timeouts
 * @param cancellation  set when the caller goes away
 */
public record Call(ChatRequest request, String upstreamModel, Timeouts timeouts, Cancellation cancellation) {
}
