package dev.freeport.provider.http;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Tells a piece of an answer that is lent for the handler's call (the raw client's pooled read buffers: see
 * {@link UpstreamCall.Answer#handler}) from a heap buffer of its own (what Vert.x's client hands out), which may be
 * kept as it is. The test is Vert.x's own for the reads it copies: memory from Netty's pooling allocators.
 */
final class Lent {
    private Lent() {
    }

    /** The Netty buffer under {@code buffer}, without the slice {@code getByteBuf} makes. */
    static ByteBuf bytesOf(Buffer buffer) {
        return buffer instanceof BufferImpl impl ? impl.byteBuf() : ((BufferInternal) buffer).getByteBuf();
    }

    /** Whether {@code buffer}'s memory goes back to a pool (so must be copied to be kept). */
    static boolean pooled(Buffer buffer) {
        ByteBuf bytes = bytesOf(buffer);
        ByteBufAllocator alloc = bytes.alloc();
        return alloc instanceof AdaptiveByteBufAllocator || alloc instanceof PooledByteBufAllocator
                || bytes instanceof CompositeByteBuf;
    }
}
