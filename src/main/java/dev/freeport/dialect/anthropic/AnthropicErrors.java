package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.JsonFields;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import dev.freeport.provider.http.Redaction;
import dev.freeport.provider.http.RetryAfter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;

/**
 * Anthropic error answers ({@code {"type":"error","error":{"type","message"}}}) → {@link UpstreamFailure}.
 * 429 → RATE_LIMITED with Retry-After; 529 (overloaded) and 5xx → SERVER_ERROR; other 4xx → CLIENT_ERROR.
 * Messages read "provider: upstream message" and never contain the API key.
 */
public final class AnthropicErrors {
    private AnthropicErrors() {
    }

    /**
     * @param provider the provider's name, prefixed to the message
     * @param apiKey   the key to scrub from the message, or null
     */
    public static UpstreamFailure map(String provider, String apiKey, int status, MultiMap headers, Buffer body,
                                      Clock clock) {
        String type = null;
        String message = null;
        try {
            JsonNode root = JsonFields.MAPPER.readTree(body == null ? "" : body.toString());
            JsonNode error = root == null ? null : root.get("error");
            type = JsonFields.text(error, "type");
            message = JsonFields.text(error, "message");
        } catch (java.io.IOException e) {
            // not JSON (a proxy's HTML page, ...): the status alone speaks
        }
        if (message == null) {
            message = "HTTP " + status + " from upstream";
        }
        FailureKind kind = status == 429 ? FailureKind.RATE_LIMITED
                : status >= 500 ? FailureKind.SERVER_ERROR
                : status >= 400 ? FailureKind.CLIENT_ERROR
                : FailureKind.MALFORMED;
        return new UpstreamFailure(kind, status, Redaction.message(provider, message, apiKey),
                RetryAfter.of(headers, clock), type, null);
    }

    /** The failure kind an in-band error type stands for, when no chunk was sent yet. */
    static FailureKind kindOf(String errorType) {
        if (errorType == null) {
            return FailureKind.SERVER_ERROR;
        }
        return switch (errorType) {
            case "rate_limit_error" -> FailureKind.RATE_LIMITED;
            case "overloaded_error", "api_error", "timeout_error" -> FailureKind.SERVER_ERROR;
            default -> FailureKind.CLIENT_ERROR;
        };
    }


}
