package dev.freeport.provider.http;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a streamed answer's bytes into events for a {@link StreamDecoder}: server-sent events ({@link SseParser})
 * for most APIs, AWS's binary event stream for Bedrock. Frames may span buffers. A frame that cannot be read
 * (a bad checksum, an impossible length) throws {@link MalformedFrameException}; the stream then fails.
 */
public interface FrameParser {

    void feed(Buffer buffer);

    /** The input ended: dispatch what is complete; a partial frame left over is dropped. */
    void finish();

    /** A frame that cannot be read; the message says why, without the frame's bytes. */
    final class MalformedFrameException extends RuntimeException {
        public MalformedFrameException(String message) {
            super(message, null, false, false);
        }
    }
}
