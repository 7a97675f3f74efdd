package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An embeddings answer in OpenAI format with its usage. */
public record EmbeddingsResult(ObjectNode body, Usage usage) {
}
