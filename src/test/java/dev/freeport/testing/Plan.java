package dev.freeport.testing;

import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/**
 * A fully encoded successful answer, ready to write: either one JSON body or a sequence of SSE frames, plus the
 * bytes a fault puts in their place (in-band error, malformed JSON). Encoded once; the default reply's plans are
 * cached and shared, so everything here is read-only.
 *
 * @param sse         true for text/event-stream, false for a single application/json body
 * @param frames      the body (one frame) or the SSE frames in order
 * @param joined      all frames concatenated: the fast path when nothing interrupts the answer
 * @param inBandError the provider's in-band error (SSE frame, or a JSON body when not streaming)
 * @param malformed   a broken JSON body, or a broken "data:" frame
 * @param headers     extra response headers (request id)
 */
record Plan(boolean sse, List<Frame> frames, Buffer joined, Buffer inBandError, Buffer malformed,
            Map<String, String> headers) {

    /** One piece of the answer; content frames are the ones fault counts refer to. */
    record Frame(Buffer bytes, boolean content) {
    }

    static Plan json(Buffer body, Buffer inBandError, Buffer malformed, Map<String, String> headers) {
        return new Plan(false, List.of(new Frame(body, false)), body, inBandError, malformed, headers);
    }

    static Plan sse(List<Frame> frames, Buffer inBandError, Buffer malformed, Map<String, String> headers) {
        Buffer all = Buffer.buffer();
        for (Frame f : frames) {
            all.appendBuffer(f.bytes());
        }
        return new Plan(true, List.copyOf(frames), all, inBandError, malformed, headers);
    }

    /** An SSE frame with only a data line. */
    static Buffer data(String json) {
        return Buffer.buffer("data: " + json + "\n\n");
    }

    /** An SSE frame with an event name and a data line. */
    static Buffer event(String name, String json) {
        return Buffer.buffer("event: " + name + "\ndata: " + json + "\n\n");
    }
}
