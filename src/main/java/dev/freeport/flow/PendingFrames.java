package dev.freeport.flow;

import dev.freeport.front.Frames;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.Arrays;

/**
 * The frames of one stream written while handling one upstream read, gathered to go to the caller as one write: one
 * array, sized once when the writer says how much is coming ({@link #expect}: about the read's size), handed over
 * without a copy ({@link #take}); a frame is copied into it once, whether it came whole or in pieces.
 */
final class PendingFrames implements Frames {
    private static final int FIRST = 256;
    private byte[] bytes;
    private int length;

    @Override
    public void accept(Buffer frame) {
        int n = frame.length();
        room(n);
        frame.getBytes(0, n, bytes, length);
        length += n;
    }

    @Override
    public void append(byte[] from, int start, int end) {
        int n = end - start;
        room(n);
        System.arraycopy(from, start, bytes, length, n);
        length += n;
    }

    @Override
    public void expect(int more) {
        if (bytes == null || length + more > bytes.length) {
            bytes = bytes == null ? new byte[Math.max(more, 16)] : Arrays.copyOf(bytes, length + more);
        }
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** What was gathered, as one buffer over the array itself; the next frame starts a new array. */
    Buffer take() {
        if (length == 0) {
            return Buffer.buffer();
        }
        Buffer out = BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
        bytes = null;
        length = 0;
        return out;
    }

    /** Drops what was gathered. */
    void clear() {
        bytes = null;
        length = 0;
    }

    private void room(int n) {
        if (bytes == null) {
            bytes = new byte[Math.max(FIRST, n * 4)];
        } else if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
    }
}
