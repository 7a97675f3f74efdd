package dev.freeport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading an incoming request: which API it calls, its JSON body, and its recorded form. */
final class Inbound {
    /**
     * The API a request calls; paths match by suffix so base URLs with or without /v1 both work. GEMINI and
     * GEMINI_STREAM are Google's ".../models/{model}:generateContent" and ":streamGenerateContent" (Vertex AI's
     * ".../publishers/anthropic/models/{model}:rawPredict" is MESSAGES); RESPONSES is
     * OpenAI's Responses API ({@code POST .../responses}).
     */
    enum Endpoint { CHAT, EMBEDDINGS, MESSAGES, RESPONSES, GEMINI, GEMINI_STREAM, MODELS, UNKNOWN }

    private Inbound() {
    }

    static Endpoint endpoint(HttpMethod method, String path) {
        if (method == HttpMethod.GET && path.endsWith("/models")) {
            return Endpoint.MODELS;
        }
        if (method != HttpMethod.POST) {
            return Endpoint.UNKNOWN;
        }
        if (path.endsWith(":generateContent")) {
            return Endpoint.GEMINI;
        }
        if (path.endsWith(":streamGenerateContent")) {
            return Endpoint.GEMINI_STREAM;
        }
        if (path.endsWith(":rawPredict") || path.endsWith(":streamRawPredict")) {
            return Endpoint.MESSAGES; // Anthropic's Messages on Vertex AI, the model in the path
        }
        if (path.endsWith("/chat/completions")) {
            return Endpoint.CHAT;
        }
        if (path.endsWith("/embeddings")) {
            return Endpoint.EMBEDDINGS;
        }
        if (path.endsWith("/responses")) {
            return Endpoint.RESPONSES;
        }
        return path.endsWith("/messages") ? Endpoint.MESSAGES : Endpoint.UNKNOWN;
    }

    /** The body as a JSON tree, or null when empty or not JSON. */
    static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return null;
        }
        try {
            return OpenAiWire.JSON.readTree(body.getBytes());
        } catch (Exception e) {
            return null;
        }
    }

    static RecordedRequest record(HttpServerRequest request, Buffer body, JsonNode tree) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new RecordedRequest(request.method().name(), request.path(), request.query(), headers, tree,
                body.toString(), Instant.now());
    }
}
