package dev.freeport.provider.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * A request a codec wants sent. {@code path} is appended to the provider's base URL (e.g. "/chat/completions");
 * {@code headers} include auth and content type.
 */
public record UpstreamRequest(HttpMethod method, String path, MultiMap headers, Buffer body) {
}
