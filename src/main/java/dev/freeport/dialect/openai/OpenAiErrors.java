package dev.freeport.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Maps an upstream error answer to an {@link UpstreamFailure}: reads the common error body shapes, the
 * Retry-After headers, and builds a caller-safe message (provider name, trimmed, never the API key).
 */
public final class OpenAiErrors {

    static final int MAX_MESSAGE = 500;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern SECRET_LIKE = Pattern.compile("\\b(sk|pk|gsk|xai|key)-[A-Za-z0-9_-]{16,}");

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
        return new UpstreamFailure(kindOf(status), status, message(msg), retryAfter(headers), safe(p.type()),
                safe(p.code()));
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

    /** "provider: message", key-free, whitespace collapsed, at most {@link #MAX_MESSAGE} characters. */
    public String message(String upstreamMessage) {
        String m = providerName + ": " + collapse(redact(upstreamMessage));
        if (m.length() > MAX_MESSAGE) {
            m = m.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return m;
    }

    String redact(String s) {
        if (s == null) {
            return "";
        }
        String r = s;
        if (apiKey != null && apiKey.length() >= 4) {
            r = r.replace(apiKey, "[redacted]");
        }
        r = BEARER.matcher(r).replaceAll("$1[redacted]");
        return SECRET_LIKE.matcher(r).replaceAll("[redacted]");
    }

    private String safe(String s) {
        if (s == null) {
            return null;
        }
        String r = redact(s);
        return r.length() > 100 ? r.substring(0, 100) : r;
    }

    /** Retry-After-Ms (OpenAI) first, else Retry-After in seconds or as an HTTP-date; null when absent or bad. */
    Duration retryAfter(MultiMap headers) {
        if (headers == null) {
            return null;
        }
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                double v = Double.parseDouble(ms.strip());
                if (v >= 0 && v < 86_400_000d) {
                    return Duration.ofMillis((long) Math.ceil(v));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String ra = headers.get("retry-after");
        if (ra == null || ra.isBlank()) {
            return null;
        }
        ra = ra.strip();
        try {
            double secs = Double.parseDouble(ra);
            return secs < 0 || secs > 86_400 ? null : Duration.ofMillis((long) Math.ceil(secs * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(ra, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException bad) {
                return null;
            }
        }
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
        return s.replaceAll("\\s+", " ").strip();
    }
}
