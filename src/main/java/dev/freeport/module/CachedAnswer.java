package dev.freeport.module;

import dev.freeport.api.Usage;

/**
 * An answer as the response cache keeps it, front-neutral: the canonical OpenAI {@code chat.completion} JSON (one
 * choice; a streamed answer is kept as the completion it added up to), served again in any front's format, as a
 * JSON answer or as a stream. Immutable by convention: nobody writes to {@code json}.
 *
 * @param json          the canonical answer's UTF-8 JSON
 * @param usage         what the original answer used (reported or estimated)
 * @param finishReason  the original's finish reason
 * @param costNanos     what the original answer cost: the dollars a hit saves
 * @param provider      the provider that served the original
 * @param upstreamModel the upstream model that served the original
 */
public record CachedAnswer(byte[] json, Usage usage, String finishReason, long costNanos, String provider,
                           String upstreamModel) {
}
