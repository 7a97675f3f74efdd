package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the fake upstream received, as the client sent it.
 *
 * @param query      the query string without '?' (e.g. {@code beta=true}), or null when the URL had none
 * @param headers    header names in lower case, values in arrival order
 * @param body       the parsed JSON body, or null when the body was empty or not JSON
 * @param rawBody    the body text as received
 * @param receivedAt when the whole body had arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              JsonNode body, String rawBody, Instant receivedAt) {
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The "model" field of the body, or null. */
    public String model() {
        return body == null || !body.hasNonNull("model") ? null : body.get("model").asText();
    }

    /** Whether the body asked for a stream ("stream": true). */
    public boolean stream() {
        return body != null && body.path("stream").asBoolean(false);
    }
}
