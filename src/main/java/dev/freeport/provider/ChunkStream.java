package dev.freeport.provider;

import io.vertx.core.Handler;

/**
 * A started chat stream. Items that arrived before {@link #handler} was set are delivered first, in order.
 * Exactly one terminal item ({@link StreamItem.End} or {@link StreamItem.Failed}) is delivered last, unless the
 * stream was {@link #cancel cancelled}. All calls happen on the stream's event loop.
 */
public interface ChunkStream {

    /** Sets the item handler and starts (or continues) delivery. */
    ChunkStream handler(Handler<StreamItem> handler);

    /** Stop delivering until {@link #resume}: backpressure from a slow client. Upstream reading pauses too. */
    void pause();

    void resume();

    /** The caller went away: abort the upstream request; no further items are delivered. */
    void cancel();
}
