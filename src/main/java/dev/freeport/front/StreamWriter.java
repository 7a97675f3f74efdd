package dev.freeport.front;

import dev.freeport.provider.StreamItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.GatewayError;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/** Turns canonical OpenAI chunks into one API's server-sent events. Stateful, one per stream. */
public interface StreamWriter {
    /** The frames for one chunk (none, one or several). */
    void chunk(ObjectNode chunk, Consumer<Buffer> out);

    /**
     * The frames for one chunk as the stream delivered it; by default from its tree. A front whose format is the
     * canonical one overrides it to relay a byte chunk without building its tree, written in place into {@code out}.
     */
    default void chunk(StreamItem.Chunk chunk, Frames out) {
        chunk(chunk.chunk(), out);
    }

    /** An upstream event in this API's own format, passed through untouched (ignored by default). */
    default void nativeFrame(Buffer frame, Consumer<Buffer> out) {
    }

    /** The frames of a clean end. */
    void end(Consumer<Buffer> out);

    /** The frames of a stream that broke after it started: an error event, never a clean end. */
    void error(GatewayError error, Consumer<Buffer> out);

    /** A keep-alive frame sent while the upstream is silent, or null when the API has none. */
    default Buffer ping() {
        return null;
    }
}
