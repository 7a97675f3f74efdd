package dev.freeport.testing;

import dev.freeport.testing.Inbound.Endpoint;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link FakeUpstream} puts on the wire for a reply, by the wire the request came in on: an error body in that
 * API's shape (OpenAI, Anthropic, Gemini) with its request-id header, or the encoded answer ({@link Plan}) in
 * OpenAI's, Anthropic's, the Responses API's or Gemini's format; the default reply's answers are encoded once per
 * model and kind. The wire switches ({@link #geminiCallIds}, {@link #usageInChoice}) apply to later answers.
 */
final class Wires {
    private static final int PLAN_CACHE_LIMIT = 256;

    private record PlanKey(Endpoint endpoint, String model, boolean stream, boolean includeUsage) {
    }

    /** Encoded answers of one default reply; replaced as a whole when the default or a wire switch changes. */
    private record DefaultPlans(Reply reply, Map<PlanKey, Plan> plans) {
    }

    private volatile DefaultPlans defaults = new DefaultPlans(Reply.ok("Hello from the fake upstream."),
            new ConcurrentHashMap<>());
    private volatile boolean geminiCallIds;
    private volatile boolean usageInChoice;

    Reply defaultReply() {
        return defaults.reply();
    }

    void setDefault(Reply reply) {
        defaults = new DefaultPlans(Objects.requireNonNull(reply), new ConcurrentHashMap<>());
    }

    void geminiCallIds(boolean withIds) {
        geminiCallIds = withIds;
        defaults = new DefaultPlans(defaults.reply(), new ConcurrentHashMap<>());
    }

    void usageInChoice(boolean inChoice) {
        usageInChoice = inChoice;
        defaults = new DefaultPlans(defaults.reply(), new ConcurrentHashMap<>());
    }

    /** The error body of a {@code STATUS} reply in the endpoint's API shape. */
    static Buffer errorBody(Endpoint endpoint, Reply reply, String requestId) {
        if (reply.body != null) {
            return Buffer.buffer(reply.body);
        }
        if (endpoint == Endpoint.GEMINI || endpoint == Endpoint.GEMINI_STREAM) {
            return Buffer.buffer(GeminiWire.errorJson(reply.status, GeminiWire.defaultMessage(reply.status),
                    reply.retryAfterSeconds).toString());
        }
        if (endpoint == Endpoint.MESSAGES) {
            return Buffer.buffer(AnthropicWire.errorJson(reply.status, AnthropicWire.defaultMessage(reply.status),
                    requestId).toString());
        }
        return Buffer.buffer(OpenAiWire.errorJson(reply.status, OpenAiWire.defaultMessage(reply.status)).toString());
    }

    /** The header that carries the request id on the endpoint's API. */
    static String requestIdHeader(Endpoint endpoint) {
        return endpoint == Endpoint.MESSAGES ? AnthropicWire.REQUEST_ID_HEADER : OpenAiWire.REQUEST_ID_HEADER;
    }

    /** The answer to send: encoded now, or the default reply's cached encoding for this model and kind. */
    Plan plan(Endpoint endpoint, String path, Reply reply, boolean isDefault, Buffer body,
              com.fasterxml.jackson.databind.JsonNode tree, long n) {
        if (endpoint == Endpoint.EMBEDDINGS) {
            return OpenAiWire.embeddings(reply, tree, n);
        }
        Ask ask = endpoint == Endpoint.GEMINI || endpoint == Endpoint.GEMINI_STREAM
                ? new Ask(GeminiWire.modelOf(path), endpoint == Endpoint.GEMINI_STREAM, false)
                : path.endsWith("RawPredict") ? new Ask(GeminiWire.modelOf(path), path.endsWith(":streamRawPredict"), false)
                : Ask.peek(body);
        if (!isDefault) {
            return encode(endpoint, reply, ask, n);
        }
        DefaultPlans current = defaults;
        if (current.reply() != reply) {
            return encode(endpoint, reply, ask, n);
        }
        Map<PlanKey, Plan> cache = current.plans();
        if (cache.size() > PLAN_CACHE_LIMIT) {
            cache.clear();
        }
        return cache.computeIfAbsent(new PlanKey(endpoint, ask.model(), ask.stream(), ask.includeUsage()),
                key -> encode(endpoint, reply, ask, n));
    }

    private Plan encode(Endpoint endpoint, Reply reply, Ask ask, long n) {
        return switch (endpoint) {
            case MESSAGES -> AnthropicWire.messages(reply, ask, n);
            case RESPONSES -> ResponsesWire.responses(reply, ask, n);
            case GEMINI, GEMINI_STREAM -> GeminiWire.generate(reply, ask, n, geminiCallIds);
            default -> OpenAiWire.chat(reply, ask, n, usageInChoice);
        };
    }
}
