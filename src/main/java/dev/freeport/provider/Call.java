package dev.freeport.provider;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.Timeouts;

import java.util.Map;

/**
 * One attempt of a chat request against one target.
 *
 * @param request       the caller's request (alias in {@code request.model()})
 * @param upstreamModel the model name the upstream knows
 * @param timeouts      this target's timeouts
 * @param cancellation  set when the caller goes away
 * @param headers       extra headers for the upstream request (W3C trace context), lower-case names; usually empty
 */
public record Call(ChatRequest request, String upstreamModel, Timeouts timeouts, Cancellation cancellation,
                   Map<String, String> headers) {

    public Call {
        headers = headers == null ? Map.of() : headers;
    }

    public Call(ChatRequest request, String upstreamModel, Timeouts timeouts, Cancellation cancellation) {
        this(request, upstreamModel, timeouts, cancellation, Map.of());
    }
}
