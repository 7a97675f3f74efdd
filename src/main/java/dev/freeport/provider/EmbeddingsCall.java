package dev.freeport.provider;

import dev.freeport.api.EmbeddingsRequest;
import dev.freeport.api.Timeouts;

/** One attempt of an embeddings request against one target. */
public record EmbeddingsCall(EmbeddingsRequest request, String upstreamModel, Timeouts timeouts,
                             Cancellation cancellation) {
}
