package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Maps an upstream error answer to an {@link UpstreamFailure}: reads the common error body shapes, the
 * Retry-After headers, and builds a caller-safe message (provider name, trimmed, never the API key).
 */
public final class OpenAiErrors {

    private final String providerName;
    private final String apiKey;
    private final ObjectMapper mapper;
    private final Clock clock;

    public OpenAiErrors(String providerName, String apiKey, ObjectMapper mapper, Clock clock) {
        this.providerName = providerName;
        this.apiKey = apiKey;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What an error object says: message, type and code, any of them null. */
    public record Parsed(String message, String type, String code) {
    }

    public UpstreamFailure map(int status, MultiMap headers, Buffer body) {
        String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
        Parsed p = parse(text);
        String msg = p.message();
        if (msg == null || msg.isBlank()) {
            msg = "HTTP " + status + (text.isBlank() ? " with an empty body" : "");
        }
        return new UpstreamFailure(kindOf(status), status, message(msg), RetryAfter.of(headers, clock),
                Redaction.token(p.type(), apiKey), Redaction.token(p.code(), apiKey));
    }

    static FailureKind kindOf(int status) {
        if (status == 429) {
            return FailureKind.RATE_LIMITED;
        }
        if (status == 408) {
            return FailureKind.TIMEOUT;
        }
        if (status >= 400 && status < 500) {
            return FailureKind.CLIENT_ERROR;
        }
        return FailureKind.SERVER_ERROR;
    }

    /** Reads the error shapes seen in the wild; plain text becomes the message. */
    Parsed parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new Parsed(null, null, null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(trimmed);
        } catch (Exception e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return new Parsed(root != null && root.isTextual() ? root.asText() : plain(trimmed), null, null);
        }
        return fromObject(root);
    }

    /** Reads an error object: {"error":{...}}, {"error":"..."}, {"detail":...}, {"message":...}. */
    public Parsed fromObject(JsonNode root) {
        JsonNode err = root.get("error");
        if (err != null && err.isObject()) {
            return new Parsed(text(err.get("message")), scalar(err.get("type")), scalar(err.get("code")));
        }
        String type = scalar(root.get("type"));
        String code = scalar(root.get("code"));
        if (err != null && err.isTextual()) {
            return new Parsed(err.asText(), type, code);
        }
        JsonNode message = root.get("message");
        if (message != null && !message.isNull()) {
            return new Parsed(text(message), type, code);
        }
        JsonNode detail = root.get("detail");
        if (detail != null && !detail.isNull()) {
            return new Parsed(text(detail), type, code);
        }
        return new Parsed(collapse(root.toString()), type, code);
    }

    /** "provider: message", key-free, whitespace collapsed, bounded (see {@link Redaction}). */
    public String message(String upstreamMessage) {
        return Redaction.message(providerName, upstreamMessage, apiKey);
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.asText() : n.toString();
    }

    private static String scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        return n.asText();
    }

    /** A plain-text or HTML body (proxies, load balancers): tags dropped, bounded before any regex work. */
    private static String plain(String s) {
        String head = s.length() > 4096 ? s.substring(0, 4096) : s;
        if (head.startsWith("<")) {
            head = head.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
        }
        return collapse(head);
    }

    public static String collapse(String s) {
        return Redaction.collapse(s);
    }
}
