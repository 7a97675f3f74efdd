package dev.freeport.module;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.Map;
import java.util.function.Predicate;

/**
 * One request to a {@link WebRoutes} group: method, path (no trailing slash), query parameters, the headers it
 * needs (lower-case names; the first value of each), the body (at most {@link AdminRequest#MAX_BODY} bytes), the
 * caller's address, whether it came over TLS, and the server's check of a candidate admin key.
 *
 * @param adminKey true when the candidate is the admin key (constant-time compare), or when the gateway has no
 *                 admin key and the admin door would let this caller in without one (loopback only); the key itself
 *                 is never handed out
 * @param adminKeyId a SHA-256 of the admin key now (empty when there is none): it changes when a reload changes
 *                   the key, so that sessions opened under the old key end
 */
public record WebRequest(HttpMethod method, String path, Map<String, String> query, Map<String, String> headers,
                         Buffer body, String from, boolean tls, Predicate<String> adminKey, String adminKeyId) {

    public WebRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? Buffer.buffer() : body;
    }

    /** A header's first value, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
