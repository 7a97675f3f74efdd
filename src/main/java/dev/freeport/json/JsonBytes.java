package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.Arrays;

/**
 * A range {@code [from, to)} of a byte array holding JSON: a received buffer read in place, without the copy
 * {@link Buffer#getBytes()} makes. The array is shared, never written to.
 */
public record JsonBytes(byte[] array, int from, int to) {

    /** The whole array. */
    public static JsonBytes of(byte[] array) {
        return new JsonBytes(array, 0, array.length);
    }

    /**
     * The bytes of {@code buffer}: its own array when it is a heap buffer (what Vert.x hands out for what it read
     * from a socket), else a copy.
     */
    public static JsonBytes of(Buffer buffer) {
        if (buffer instanceof BufferInternal internal) {
            ByteBuf bytes = internal.getByteBuf();
            if (bytes.hasArray()) {
                int from = bytes.arrayOffset() + bytes.readerIndex();
                return new JsonBytes(bytes.array(), from, from + bytes.readableBytes());
            }
        }
        return of(buffer.getBytes());
    }

    public int length() {
        return to - from;
    }

    /** The bytes as an array of their own length: the array itself when the range is all of it, else a copy. */
    public byte[] toArray() {
        return from == 0 && to == array.length ? array : Arrays.copyOfRange(array, from, to);
    }
}
