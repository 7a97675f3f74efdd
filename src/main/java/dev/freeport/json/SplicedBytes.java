package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Where an edited body is written: into one buffer of its size, or (a large body) as a composite whose kept
 * runs are slices of the received array, each run of adjacent kept bytes one slice. The edit itself extends it
 * (no writer object per body).
 */
abstract class SplicedBytes {
    private byte[] source;
    private Buffer copy;
    private CompositeByteBuf parts;
    private ByteBuf received;
    private int runFrom;
    private int runTo;

    /** Starts writing a body made of {@code source}'s bytes, of {@code size} bytes, spliced if {@code compose}. */
    final void open(byte[] source, int size, boolean compose) {
        this.source = source;
        this.copy = compose ? null : Buffer.buffer(size);
        this.parts = compose ? Unpooled.compositeBuffer(16) : null;
        this.received = compose ? Unpooled.wrappedBuffer(source) : null;
        runFrom = 0;
        runTo = 0;
    }

    /** The received bytes from {@code from} to {@code to}. */
    final void kept(int from, int to) {
        if (to <= from) {
            return;
        }
        if (copy != null) {
            copy.appendBytes(source, from, to - from);
        } else if (from == runTo && runTo > runFrom) {
            runTo = to;
        } else {
            flush();
            runFrom = from;
            runTo = to;
        }
    }

    /** New bytes (shared and never written to: a composite holds them as they are). */
    final void bytes(byte[] b) {
        if (copy != null) {
            copy.appendBytes(b);
        } else if (b.length > 0) {
            flush();
            parts.addComponent(true, Unpooled.wrappedBuffer(b));
        }
    }

    private void flush() {
        if (runTo > runFrom) {
            parts.addComponent(true, received.slice(runFrom, runTo - runFrom));
        }
        runFrom = 0;
        runTo = 0;
    }

    /** The body written; the writer is then closed. */
    final Buffer done() {
        Buffer out = copy;
        if (out == null) {
            flush();
            out = BufferInternal.buffer(parts);
        }
        source = null;
        copy = null;
        parts = null;
        received = null;
        return out;
    }
}
