package dev.freeport.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Azure's content-filter refusal: HTTP 400 with {@code error.code: "content_filter"} and
 * {@code innererror: {code: "ResponsibleAIPolicyViolation", content_filter_result: {hate: {filtered, severity},
 * jailbreak: {filtered, detected}, ...}}}. Mapped to a 400 the caller can act on: code {@code content_filter},
 * the message naming each category that was filtered and its severity. Pure.
 */
final class ContentFilter {
    private ContentFilter() {
    }

    /** The failure for a content-filter answer, or null when {@code body} is not one. */
    static UpstreamFailure failure(String provider, int status, io.vertx.core.buffer.Buffer body) {
        if (status != 400 || body == null || body.length() == 0) {
            return null;
        }
        JsonNode error;
        try {
            error = JsonFields.MAPPER.readTree(body.getBytes()).path("error");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        JsonNode inner = error.path("innererror");
        boolean filtered = "content_filter".equals(JsonFields.text(error, "code"))
                || "ResponsibleAIPolicyViolation".equals(JsonFields.text(inner, "code"));
        if (!filtered) {
            return null;
        }
        List<String> categories = new ArrayList<>();
        JsonNode result = inner.path("content_filter_result");
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            JsonNode c = e.getValue();
            if (c.path("filtered").asBoolean(false)) {
                String severity = JsonFields.text(c, "severity");
                categories.add(e.getKey() + (severity != null ? " (" + severity + ")" : ""));
            }
        }
        String what = categories.isEmpty() ? "" : ": " + String.join(", ", categories);
        return new UpstreamFailure(FailureKind.CLIENT_ERROR, 400, provider
                + ": Azure's content filter blocked this request" + what
                + " (the deployment's content filter policy decides; rephrase the prompt or change the policy)",
                null, "invalid_request_error", "content_filter");
    }
}
