package dev.freeport.front;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Where a {@link StreamWriter} puts the frames of one chunk: whole buffers ({@link #accept}), or bytes appended in
 * place ({@link #append}: a frame written in pieces straight from an upstream's read, copied once into what goes to
 * the caller).
 */
public interface Frames extends Consumer<Buffer> {

    /** Appends {@code bytes[from, to)} (copied now: the array may change afterwards). */
    void append(byte[] bytes, int from, int to);

    /** Appends all of {@code bytes}. */
    default void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    /** A hint: about {@code bytes} more are coming (from the same upstream read), so room for them can be made once. */
    default void expect(int bytes) {
    }
}
