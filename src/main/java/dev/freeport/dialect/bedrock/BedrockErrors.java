package dev.freeport.dialect.bedrock;

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
 * Bedrock Runtime's errors (restJson1: the type in {@code x-amzn-ErrorType}, e.g.
 * {@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/}, or {@code __type} in the body;
 * the text in {@code message}) → failures. Throttling, ServiceQuotaExceeded and ModelNotReady (the model is being
 * loaded) are rate limits the router retries with backoff; ModelTimeout is a timeout; InternalServer,
 * ServiceUnavailable, ModelError and ModelStreamError are server errors; everything else (Validation, AccessDenied,
 * ResourceNotFound, signature errors) is the request's or the configuration's. Pure.
 */
public final class BedrockErrors {
    private final String provider;
    private final String secret;
    private final Clock clock;

    /** @param secret a key to scrub from messages (a Bedrock API key), or null */
    public BedrockErrors(String provider, String secret, Clock clock) {
        this.provider = provider;
        this.secret = secret;
        this.clock = clock;
    }

    public UpstreamFailure map(int status, MultiMap headers, Buffer body) {
        String type = headers == null ? null : headers.get("x-amzn-errortype");
        String message = null;
        try {
            JsonNode root = JsonFields.MAPPER.readTree(body == null ? "" : body.toString());
            if (root != null && root.isObject()) {
                message = JsonFields.text(root, "message") != null ? JsonFields.text(root, "message")
                        : JsonFields.text(root, "Message");
                if (type == null) {
                    type = JsonFields.text(root, "__type");
                }
            }
        } catch (java.io.IOException e) {
            // not JSON: the status and the header speak
        }
        String name = shortName(type);
        FailureKind kind = name != null ? kindOf(name, status) : byStatus(status);
        String text = (name != null ? name + ": " : "") + (message != null ? message : "HTTP " + status);
        return new UpstreamFailure(kind, status, Redaction.message(provider, text, secret),
                RetryAfter.of(headers, clock), Redaction.token(name, secret), null);
    }

    /** The failure an in-stream exception stands for before any chunk was sent (after one it is a cut). */
    public static FailureKind kindOf(String exceptionType, int status) {
        String n = shortName(exceptionType);
        if (n == null) {
            return byStatus(status);
        }
        return switch (n.toLowerCase(java.util.Locale.ROOT)) {
            case "throttlingexception", "servicequotaexceededexception", "modelnotreadyexception",
                 "toomanyrequestsexception" -> FailureKind.RATE_LIMITED;
            case "modeltimeoutexception" -> FailureKind.TIMEOUT;
            case "internalserverexception", "serviceunavailableexception", "modelerrorexception",
                 "modelstreamerrorexception", "internalfailure", "serviceunavailable" -> FailureKind.SERVER_ERROR;
            default -> status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.CLIENT_ERROR;
        };
    }

    /** "ThrottlingException:http://..." or "com.amazon...#ThrottlingException" → "ThrottlingException". */
    static String shortName(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String t = type.strip();
        int colon = t.indexOf(':');
        if (colon > 0) {
            t = t.substring(0, colon);
        }
        int hash = t.lastIndexOf('#');
        return hash >= 0 ? t.substring(hash + 1) : t;
    }

    private static FailureKind byStatus(int status) {
        return status == 429 ? FailureKind.RATE_LIMITED
                : status == 408 ? FailureKind.TIMEOUT
                : status >= 500 || status == 424 ? FailureKind.SERVER_ERROR
                : FailureKind.CLIENT_ERROR;
    }
}
