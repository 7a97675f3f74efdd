package dev.freeport.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** An OpenAI-format embeddings request, validated; {@code inputs} holds the texts (token-array inputs as null). */
public record EmbeddingsRequest(String model, List<String> inputs, String user, ObjectNode body) {
}
