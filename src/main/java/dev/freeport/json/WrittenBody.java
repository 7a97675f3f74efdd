package dev.freeport.json;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * A request body that writes itself, as often as it is asked (a retry or a fallback on the same target sends it
 * again): its length first, then its bytes straight into the buffer a client sends (the raw upstream client writes
 * them after the request head, in one direct buffer, with no heap copy between), or as a buffer of its own for a
 * client that takes one. The edit of a caller's body ({@link JsonMembers.Edit}) is the one kind.
 */
public sealed interface WrittenBody permits JsonMembers.Edit {
    /** The body's length in bytes. */
    int length();

    /** Writes the body's {@link #length} bytes at {@code out}'s writer index. */
    void writeTo(ByteBuf out);

    /** The body as a buffer of its own (a copy, or above {@link JsonMembers#COPY_UP_TO} a composite of the source). */
    Buffer buffer();
}
