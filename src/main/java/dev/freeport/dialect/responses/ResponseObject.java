package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * The {@code response} object around a list of output items, shared by the JSON encoder and every lifecycle event
 * of a stream: id, {@code object:"response"}, created_at, status, error, incomplete_details, the echoed request
 * settings (see {@link Echo}), output, {@code output_text} (the SDKs' convenience, also sent for plain HTTP
 * clients: every output_text part of every message, concatenated), usage.
 */
final class ResponseObject {
    private ResponseObject() {
    }

    /**
     * @param status           completed, incomplete, in_progress or failed
     * @param incompleteReason max_output_tokens or content_filter when incomplete, else null
     * @param usage            null when unknown (events before the end, streams without a usage chunk)
     * @param error            {code, message} when failed, else null
     */
    static ObjectNode build(ResponsesRequest request, String id, long createdAt, String status,
                            String incompleteReason, ArrayNode output, Usage usage, ObjectNode error) {
        ObjectNode r = Json.NODES.objectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.set("error", error);
        if (incompleteReason == null) {
            r.putNull("incomplete_details");
        } else {
            r.putObject("incomplete_details").put("reason", incompleteReason);
        }
        for (Iterator<Map.Entry<String, JsonNode>> echo = request.echo().fields(); echo.hasNext(); ) {
            Map.Entry<String, JsonNode> e = echo.next();
            r.set(e.getKey(), e.getValue().deepCopy());
        }
        r.set("output", output.deepCopy());
        r.put("output_text", outputText(output));
        r.set("usage", usage == null ? Json.NODES.nullNode() : usage(usage));
        return r;
    }

    static String outputText(ArrayNode output) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : output) {
            if ("message".equals(item.path("type").asText())) {
                for (JsonNode part : item.path("content")) {
                    if ("output_text".equals(part.path("type").asText())) {
                        sb.append(part.path("text").asText(""));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Responses usage: input tokens include the cached ones; output tokens include the reasoning ones. */
    static ObjectNode usage(Usage u) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("input_tokens", u.inputTokens());
        out.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens())
                .put("cache_write_tokens", u.cacheCreationTokens());
        out.put("output_tokens", u.outputTokens());
        out.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        out.put("total_tokens", u.inputTokens() + u.outputTokens());
        return out;
    }

    /** The response status and incomplete reason for a chat finish_reason. */
    static String[] status(String finishReason) {
        if ("length".equals(finishReason)) {
            return new String[] {"incomplete", "max_output_tokens"};
        }
        if ("content_filter".equals(finishReason)) {
            return new String[] {"incomplete", "content_filter"};
        }
        return new String[] {"completed", null};
    }
}
