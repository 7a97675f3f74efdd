package dev.freeport.provider.http;

import dev.freeport.json.WrittenBody;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * A request a codec wants sent. {@code path} is appended to the provider's base URL (e.g. "/chat/completions");
 * {@code headers} include auth and content type. The body is {@code bytes} (null: none), or a body that writes
 * itself ({@code written}: a caller's body with the codec's edits), which the raw client writes straight after the
 * request head and every other user reads through {@link #body()} as a buffer of its own.
 */
public record UpstreamRequest(HttpMethod method, String path, MultiMap headers, Buffer bytes, WrittenBody written) {
    public UpstreamRequest {
        if (bytes != null && written != null) {
            throw new IllegalArgumentException("a body as bytes or written, not both");
        }
    }

    public UpstreamRequest(HttpMethod method, String path, MultiMap headers, Buffer body) {
        this(method, path, headers, body, null);
    }

    /** The body as a buffer (a written body is written into one of its own at each call); null when there is none. */
    public Buffer body() {
        return written != null ? written.buffer() : bytes;
    }

    /** The same request with {@code headers} instead (the body as it is: written bodies stay written). */
    public UpstreamRequest withHeaders(MultiMap headers) {
        return new UpstreamRequest(method, path, headers, bytes, written);
    }
}
