package dev.freeport.provider;

import dev.freeport.api.Timeouts;

import dev.freeport.api.EmbeddingsRequest;

/** One attempt of an embeddings request against one target. */
public record EmbeddingsCall(EmbeddingsRequest request, String upstreamModel, Timeouts timeouts,
                             Cancellation cancellation) {
}
