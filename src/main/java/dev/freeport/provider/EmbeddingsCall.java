package dev.freeport.provider;

import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.Timeouts;

import java.util.Map;

/** One attempt of an embeddings request against one target; {@code headers} as in {@link Call}. */
public record EmbeddingsCall(EmbeddingsRequest request, String upstreamModel, Timeouts timeouts,
                             Cancellation cancellation, Map<String, String> headers) {

    public EmbeddingsCall {
        headers = headers == null ? Map.of() : headers;
    }

    public EmbeddingsCall(EmbeddingsRequest request, String upstreamModel, Timeouts timeouts,
                          Cancellation cancellation) {
        this(request, upstreamModel, timeouts, cancellation, Map.of());
    }
}
