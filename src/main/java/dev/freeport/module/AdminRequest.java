package dev.freeport.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.Map;

/**
 * One admin request as a module sees it: method, path (no trailing slash), query parameters, the body as it
 * arrived (at most {@link #MAX_BODY} bytes: the server refuses larger ones while they stream in) and who sent it.
 *
 * @param from the caller's address, for the audit trail ("admin-api@127.0.0.1")
 */
public record AdminRequest(HttpMethod method, String path, Map<String, String> query, Buffer rawBody, String from) {
    /** Admin request bodies are small JSON objects. */
    public static final int MAX_BODY = 64 * 1024;

    public AdminRequest {
        query = Map.copyOf(query);
        rawBody = rawBody == null ? Buffer.buffer() : rawBody;
    }

    /** The body as a JSON object ({} when empty); a 400 naming the problem when it is not one. */
    public ObjectNode body() {
        return rawBody.length() == 0 ? Json.NODES.objectNode() : Json.parseObject(rawBody);
    }

    /** The path's segments after {@code root} (e.g. "/admin/keys/k1/rotate" after "/admin/keys": [k1, rotate]). */
    public String[] segmentsAfter(String root) {
        return path.equals(root) ? new String[0] : path.substring(root.length() + 1).split("/", -1);
    }
}
