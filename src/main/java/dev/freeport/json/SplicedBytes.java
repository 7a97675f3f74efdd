package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Where an edited body is written: counted (its length), into a given buffer (the one a client sends, or one of the
 * body's size), or (a large body) as a composite whose kept runs are slices of the received array, each run of
 * adjacent kept bytes one slice. The edit itself extends it (no writer object per body); one write runs to its end
 * before the next starts (all on the request's event loop).
 */
abstract class SplicedBytes {
    /** per thread: the small body {@link #length} last wrote out, for its {@link #writeTo} */
    private static final ThreadLocal<Written> LAST = ThreadLocal.withInitial(Written::new);

    /** A small body written out, and whose it is. */
    private static final class Written {
        final byte[] bytes = new byte[JsonMembers.COPY_UP_TO];
        int length;
        SplicedBytes body;
    }

    private byte[] source;
    /** where bytes go: the client's buffer, or null */
    private ByteBuf out;
    /** where bytes go: a copy of the body's size, or null */
    private Buffer copy;
    /** where bytes go: an array (from {@link #arrayAt}), or null */
    private byte[] array;
    private int arrayAt;
    private CompositeByteBuf parts;
    private ByteBuf received;
    private int runFrom;
    private int runTo;
    private int counted;

    /** The array the body's kept bytes come from. */
    abstract byte[] source();

    /** At least the body's length. */
    abstract int bound();

    /** Each piece of the body, in order, to {@link #kept} or {@link #bytes}. */
    abstract void walk();

    /**
     * The body's length. A body up to {@link JsonMembers#COPY_UP_TO} bytes is written on the way into its thread's
     * scratch array, which {@link #writeTo} then copies in one piece (one copy into a direct buffer is cheaper than a
     * few small ones); a larger one is counted by one walk.
     */
    public final int length() {
        if (bound() <= JsonMembers.COPY_UP_TO) {
            Written last = LAST.get();
            into(source(), last.bytes);
            walk();
            last.length = writtenToArray();
            last.body = this;
            return last.length;
        }
        count(source());
        walk();
        return counted();
    }

    /** The body written at {@code out}'s writer index: its {@link #length} bytes. */
    public final void writeTo(ByteBuf out) {
        if (bound() <= JsonMembers.COPY_UP_TO) {
            Written last = LAST.get();
            if (last.body != this) {
                length();
            }
            last.body = null;
            out.writeBytes(last.bytes, 0, last.length);
            return;
        }
        into(source(), out);
        walk();
        written();
    }

    /** Starts counting the bytes of a body made of {@code source}'s bytes. */
    final void count(byte[] source) {
        this.source = source;
        counted = 0;
    }

    /** Starts writing a body made of {@code source}'s bytes into {@code out}. */
    final void into(byte[] source, ByteBuf out) {
        this.source = source;
        this.out = out;
    }

    /** Starts writing a body made of {@code source}'s bytes into {@code array}, large enough, from 0. */
    final void into(byte[] source, byte[] array) {
        this.source = source;
        this.array = array;
        arrayAt = 0;
    }

    /** The bytes written since {@link #into(byte[], byte[])}: their number; the writer is then closed. */
    final int writtenToArray() {
        source = null;
        array = null;
        return arrayAt;
    }

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
        if (array != null) {
            System.arraycopy(source, from, array, arrayAt, to - from);
            arrayAt += to - from;
        } else if (out != null) {
            out.writeBytes(source, from, to - from);
        } else if (copy != null) {
            copy.appendBytes(source, from, to - from);
        } else if (parts == null) {
            counted += to - from;
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
        if (array != null) {
            System.arraycopy(b, 0, array, arrayAt, b.length);
            arrayAt += b.length;
        } else if (out != null) {
            out.writeBytes(b);
        } else if (copy != null) {
            copy.appendBytes(b);
        } else if (parts == null) {
            counted += b.length;
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

    /** The bytes counted since {@link #count}; the counter is then closed. */
    final int counted() {
        source = null;
        return counted;
    }

    /** The bytes written since {@link #into}; the writer is then closed (the buffer stays the caller's). */
    final void written() {
        source = null;
        out = null;
    }

    /** The body written since {@link #open}; the writer is then closed. */
    final Buffer done() {
        Buffer body = copy;
        if (body == null) {
            flush();
            body = BufferInternal.buffer(parts);
        }
        source = null;
        copy = null;
        parts = null;
        received = null;
        return body;
    }
}
