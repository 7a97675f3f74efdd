package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A heap buffer gathered for one answer that nothing else holds: the array may be edited in place (see
 * {@code ModelField}), where a buffer of unknown provenance must be copied to be changed. Told apart by its
 * allocator, one instance used for nothing else (never asked to allocate: it only marks the buffers made here).
 */
public final class OwnBytes {
    private static final UnpooledByteBufAllocator MARK = new UnpooledByteBufAllocator(false, true);

    private OwnBytes() {
    }

    /** An empty buffer of {@code capacity} bytes, its own. */
    public static Buffer buffer(int capacity) {
        return BufferInternal.buffer(new UnpooledHeapByteBuf(MARK, capacity, Integer.MAX_VALUE));
    }

    /** Whether {@code buffer} was made by {@link #buffer} (so its array is its holder's alone). */
    public static boolean owns(Buffer buffer) {
        ByteBuf bytes = buffer instanceof BufferImpl impl ? impl.byteBuf()
                : buffer instanceof BufferInternal internal ? internal.getByteBuf().unwrap() : null;
        return bytes != null && bytes.alloc() == MARK;
    }
}
