package dev.freeport.provider.http;

import dev.freeport.provider.StreamItem;

import java.util.function.Consumer;

/**
 * Turns one upstream's server-sent events into OpenAI-format {@link StreamItem}s. Stateful, one per stream,
 * pure (no I/O). After a terminal item it ignores further input.
 */
public interface StreamDecoder {

    /**
     * One event from the upstream (valid during the call only: the parser reuses it). May emit zero or more items,
     * including a terminal one.
     */
    void onEvent(SseEvent event, Consumer<StreamItem> out);

    /**
     * The upstream closed the connection. If no terminal item was emitted yet, emit one: {@link StreamItem.End}
     * when the dialect allows a stream to end by closing, else a {@link StreamItem.Failed} of kind STREAM_CUT.
     */
    void onClose(Consumer<StreamItem> out);

    /**
     * This decoder, from now on handing out its byte chunks as one object again and again, with one facts object
     * (valid during the sink's call only; a sink that keeps one keeps {@link StreamItem.Chunk#held}, which holds the
     * facts too): asked once per stream by a sink that
     * handles each item then and there. By default nothing changes: a new chunk each time.
     */
    default StreamDecoder reusingChunks() {
        return this;
    }
}
