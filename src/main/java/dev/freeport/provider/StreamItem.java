package dev.freeport.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a chat stream delivers, already translated to OpenAI's chat.completion.chunk format whatever the
 * upstream dialect. A usage report is an ordinary chunk with {@code "choices":[]} and a {@code "usage"} object,
 * exactly as OpenAI sends it with {@code stream_options.include_usage}.
 */
public sealed interface StreamItem {

    /** One OpenAI-format chunk. */
    record Chunk(ObjectNode chunk) implements StreamItem {
    }

    /**
     * One server-sent event exactly as an upstream sent it, for a caller of the same API (Anthropic to Anthropic)
     * who gets the upstream's bytes untouched. Always followed by the same event translated into Chunks (for
     * usage accounting and for callers of other APIs, who ignore Native items).
     */
    record Native(io.vertx.core.buffer.Buffer frame) implements StreamItem {
    }

    /** The upstream finished cleanly (OpenAI's {@code [DONE]}, Anthropic's message_stop, ...). */
    record End() implements StreamItem {
    }

    /** The stream broke: reset, idle timeout, in-band error. Always the last item. */
    record Failed(UpstreamFailure failure) implements StreamItem {
    }

    End END = new End();
}
