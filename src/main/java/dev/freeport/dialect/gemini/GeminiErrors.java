package dev.freeport.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini error answers → {@link UpstreamFailure}. The body is Google's RPC status,
 * {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}} (the non-SSE stream
 * endpoint wraps it in an array). 429 → RATE_LIMITED, with the delay of a {@code google.rpc.RetryInfo} detail
 * ({@code "retryDelay":"12s"}) or else the Retry-After header; 408 → TIMEOUT; 5xx → SERVER_ERROR; other 4xx
 * (401/403 included, status kept) → CLIENT_ERROR. {@code upstreamType} is the RPC status name. Messages read
 * "provider: message", whitespace collapsed, at most 500 characters, never the API key.
 */
public final class GeminiErrors {
    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    private final String provider;
    private final String apiKey;

    public GeminiErrors(String provider, String apiKey) {
        this.provider = provider;
        this.apiKey = apiKey;
    }

    /** What an error object says; any field may be null. */
    record Parsed(String message, String status, Duration retryDelay) {
    }

    public UpstreamFailure map(int status, MultiMap headers, Buffer body) {
        String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
        Parsed p = parse(JsonFields.parse(text.isBlank() ? "null" : text));
        String msg = p.message();
        if (msg == null || msg.isBlank()) {
            msg = "HTTP " + status + (text.isBlank() ? " with an empty body" : ": " + text);
        }
        Duration retry = p.retryDelay() != null ? p.retryDelay() : RetryAfter.of(headers, Clock.systemUTC());
        return new UpstreamFailure(kindOf(status), status, message(msg), retry, p.status(), null);
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

    /** Reads {"error":{...}} or [{"error":{...}}]; anything else gives an empty Parsed. */
    static Parsed parse(JsonNode root) {
        JsonNode r = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : root;
        JsonNode err = r == null ? null : r.get("error");
        if (err == null || !err.isObject()) {
            return new Parsed(null, null, null);
        }
        Duration delay = null;
        JsonNode details = err.get("details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                String type = JsonFields.text(d, "@type");
                String rd = JsonFields.text(d, "retryDelay");
                if (type != null && type.endsWith("google.rpc.RetryInfo") && rd != null) {
                    delay = delay(rd);
                }
            }
        }
        return new Parsed(JsonFields.text(err, "message"), JsonFields.text(err, "status"), delay);
    }

    /** A protobuf Duration in JSON ("12s", "0.5s"); null when unreadable. */
    static Duration delay(String s) {
        Matcher m = DELAY.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        double secs = Double.parseDouble(m.group(1));
        return secs > 86_400 ? null : Duration.ofMillis((long) Math.ceil(secs * 1000));
    }

    /** "provider: message", key-free, whitespace collapsed, bounded (see {@link Redaction}). */
    String message(String upstream) {
        return Redaction.message(provider, upstream, apiKey);
    }
}
