package dev.freeport.flow;

import dev.freeport.front.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The frames of one stream written while handling one upstream read, gathered to go to the caller as one write: one
 * buffer, sized once when the writer says how much is coming ({@link #expect}: about the read's size), into which a
 * frame is copied once, whether it came whole or in pieces. The buffer is direct memory from Netty's pooled allocator
 * (the one Vert.x's channels use): the socket writes it as it is, where a heap array was first allocated, filled and
 * then copied into direct memory by the channel. Whoever {@link #take}s it owns it and releases it once written;
 * {@link #clear} releases what was not taken.
 *
 * <p>On an event loop the pieces a writer appends (a renamed chunk comes in five: {@code data: }, the bytes up to the
 * model, the name, the rest, the blank line) are first copied into the loop's own staging array and go into the
 * direct buffer in one copy when the frames are taken, or as soon as another stream on the loop appends: a piece
 * costs an array copy into memory the loop keeps warm, where each was a write into the pooled buffer with its bounds,
 * reference-count and capacity checks. Nothing is allocated for it.
 */
final class PendingFrames implements Frames {
    private static final int FIRST = 256;
    /** a piece longer than this is not staged */
    private static final int LARGE = 4096;
    /** each event loop's staging array, and which stream's bytes it holds now */
    private static final FastThreadLocal<Stage> STAGES = new FastThreadLocal<>() {
        @Override
        protected Stage initialValue() {
            return new Stage();
        }
    };

    private static final class Stage {
        final byte[] array = new byte[16 * 1024];
        PendingFrames owner;
    }

    private ByteBuf bytes;
    /** the loop's stage while it holds this stream's bytes {@code stage.array[0, staged)}; else null */
    private Stage stage;
    private int staged;

    @Override
    public void accept(Buffer frame) {
        ByteBuf from = ((BufferInternal) frame).getByteBuf();
        int n = from.readableBytes();
        spill();
        room(n).writeBytes(from, from.readerIndex(), n);
    }

    @Override
    public void append(byte[] from, int start, int end) {
        int n = end - start;
        Stage s = stage;
        if (s == null || staged + n > s.array.length) {
            spill();
            s = n <= LARGE ? claim() : null; // a large piece goes straight in
            if (s == null) {
                room(n).writeBytes(from, start, n);
                return;
            }
        }
        System.arraycopy(from, start, s.array, staged, n);
        staged += n;
    }

    @Override
    public void expect(int more) {
        if (bytes == null) {
            bytes = ByteBufAllocator.DEFAULT.directBuffer(Math.max(more + staged, 16));
        } else {
            bytes.ensureWritable(more + staged);
        }
    }

    boolean isEmpty() {
        return staged == 0 && (bytes == null || !bytes.isReadable());
    }

    /** What was gathered (the caller owns it and releases it once written), or null when nothing was; the next frame
     * starts a new buffer. */
    ByteBuf take() {
        spill();
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
        release();
        if (bytes != null) {
            bytes.release();
            bytes = null;
        }
    }

    /** The loop's stage, taken for this stream (its bytes moved out of the way if another stream's were there); null
     * off an event loop, where the pieces go straight into the buffer. */
    private Stage claim() {
        if (!Context.isOnEventLoopThread()) {
            return null;
        }
        Stage s = STAGES.get();
        PendingFrames other = s.owner;
        if (other != null) {
            other.spill();
        }
        s.owner = this;
        stage = s;
        staged = 0;
        return s;
    }

    /** Moves the staged bytes into the buffer, in one copy, and gives the stage back. */
    private void spill() {
        Stage s = stage;
        if (s == null) {
            return;
        }
        if (staged > 0) {
            if (bytes == null) {
                bytes = ByteBufAllocator.DEFAULT.directBuffer(Math.max(FIRST, staged * 2));
            }
            bytes.writeBytes(s.array, 0, staged);
        }
        release();
    }

    private void release() {
        if (stage != null && stage.owner == this) {
            stage.owner = null;
        }
        stage = null;
        staged = 0;
    }

    private ByteBuf room(int n) {
        if (bytes == null) {
            bytes = ByteBufAllocator.DEFAULT.directBuffer(Math.max(FIRST, n * 4));
        }
        return bytes; // grows itself within the pool when a frame does not fit
    }
}
