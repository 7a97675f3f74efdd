package dev.freeport.flow;

import dev.freeport.front.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The frames of one stream written while handling one upstream read, gathered to go to the caller as one write: one
 * buffer, sized once when the writer says how much is coming ({@link #expect}: about the read's size), into which a
 * frame is copied once, whether it came whole or in pieces. The buffer is direct memory from Netty's pooled allocator
 * (the one Vert.x's channels use): the socket writes it as it is, where a heap array was first allocated, filled and
 * then copied into direct memory by the channel. Whoever {@link #take}s it owns it and releases it once written;
 * {@link #clear} releases what was not taken.
 */
final class PendingFrames implements Frames {
    private static final int FIRST = 256;
    private ByteBuf bytes;

    @Override
    public void accept(Buffer frame) {
        ByteBuf from = ((BufferInternal) frame).getByteBuf();
        int n = from.readableBytes();
        room(n).writeBytes(from, from.readerIndex(), n);
    }

    @Override
    public void append(byte[] from, int start, int end) {
        int n = end - start;
        room(n).writeBytes(from, start, n);
    }

    @Override
    public void expect(int more) {
        if (bytes == null) {
            bytes = ByteBufAllocator.DEFAULT.directBuffer(Math.max(more, 16));
        } else {
            bytes.ensureWritable(more);
        }
    }

    boolean isEmpty() {
        return bytes == null || !bytes.isReadable();
    }

    /** What was gathered (the caller owns it and releases it once written), or null when nothing was; the next frame
     * starts a new buffer. */
    ByteBuf take() {
        ByteBuf out = bytes;
        bytes = null;
        if (out != null && !out.isReadable()) {
            out.release();
            return null;
        }
        return out;
    }

    /** Drops what was gathered. */
    void clear() {
        if (bytes != null) {
            bytes.release();
            bytes = null;
        }
    }

    private ByteBuf room(int n) {
        if (bytes == null) {
            bytes = ByteBufAllocator.DEFAULT.directBuffer(Math.max(FIRST, n * 4));
        }
        return bytes; // grows itself within the pool when a frame does not fit
    }
}
