package dev.freeport.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.Usage;
import dev.freeport.json.Json;
import dev.freeport.module.CachedAnswer;

import java.io.IOException;

/**
 * A kept answer as the JSON stored in Redis: {@code {"v":1,"answer":{...chat.completion...},"usage":{...},
 * "finish_reason":..., "cost_nanos":..., "provider":..., "model":...}}.
 */
final class AnswerCodec {
    private static final int VERSION = 1;

    private AnswerCodec() {
    }

    static byte[] encode(CachedAnswer a) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("v", VERSION);
        try {
            o.set("answer", Json.MAPPER.readTree(a.json()));
        } catch (IOException e) {
            throw new IllegalArgumentException("a kept answer is not JSON", e);
        }
        Usage u = a.usage();
        o.putObject("usage").put("input", u.inputTokens()).put("output", u.outputTokens())
                .put("cached_input", u.cachedInputTokens()).put("cache_creation", u.cacheCreationTokens())
                .put("reasoning", u.reasoningTokens()).put("estimated", u.estimated());
        o.put("finish_reason", a.finishReason()).put("cost_nanos", a.costNanos()).put("provider", a.provider())
                .put("model", a.upstreamModel());
        return Json.bytes(o);
    }

    /** The answer, or null when the bytes are not one this version wrote. */
    static CachedAnswer decode(byte[] bytes) {
        try {
            JsonNode o = Json.MAPPER.readTree(bytes);
            if (o == null || o.path("v").asInt() != VERSION || !o.path("answer").isObject()) {
                return null;
            }
            JsonNode u = o.path("usage");
            Usage usage = new Usage(u.path("input").asLong(), u.path("output").asLong(),
                    u.path("cached_input").asLong(), u.path("cache_creation").asLong(), u.path("reasoning").asLong(),
                    u.path("estimated").asBoolean());
            return new CachedAnswer(Json.bytes(o.get("answer")), usage, text(o, "finish_reason"),
                    o.path("cost_nanos").asLong(), text(o, "provider"), text(o, "model"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
