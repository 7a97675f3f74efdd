package dev.freeport.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;

/**
 * Freeport's errors in Anthropic's shape: {"type":"error","error":{"type","message"}}, with Anthropic's statuses
 * (529 for overload).
 */
public final class AnthropicErrorJson {
    private AnthropicErrorJson() {
    }

    /** Anthropic's error object, the type chosen by kind. */
    public static ObjectNode of(GatewayError error) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("type", "error");
        root.putObject("error").put("type", type(error.kind())).put("message", error.message());
        return root;
    }

    /** The HTTP status an Anthropic caller gets: 529 for UNAVAILABLE (Anthropic's "overloaded"), else as is. */
    public static int status(GatewayError error) {
        return error.kind() == ErrorKind.UNAVAILABLE ? 529 : error.status();
    }

    /** Anthropic's error type for a kind (CANCELLED, never shown to a caller, maps to api_error). */
    public static String type(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case UNAVAILABLE -> "overloaded_error";
            case INTERNAL, UPSTREAM_ERROR, UPSTREAM_TIMEOUT, CANCELLED, SHUTDOWN -> "api_error";
        };
    }
}
