package dev.freeport.front;

import dev.freeport.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;

/**
 * The one place errors become JSON. OpenAI's shape: {"error":{"message","type","param","code"}}; Anthropic's
 * shape (for the Messages front end): {"type":"error","error":{"type","message"}}.
 */
public final class ErrorRenderer {
    private ErrorRenderer() {
    }

    public static ObjectNode openAi(GatewayError error) {
        ObjectNode root = Json.NODES.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", error.message());
        e.put("type", error.kind().openAiType());
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", error.param());
        }
        if (error.code() == null) {
            e.putNull("code");
        } else {
            e.put("code", error.code());
        }
        return root;
    }

    public static byte[] openAiBytes(GatewayError error) {
        return Json.bytes(openAi(error));
    }

    /** Anthropic's error object: {"type":"error","error":{"type","message"}}, the type chosen by kind. */
    public static ObjectNode anthropic(GatewayError error) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("type", "error");
        root.putObject("error").put("type", anthropicType(error.kind())).put("message", error.message());
        return root;
    }

    public static byte[] anthropicBytes(GatewayError error) {
        return Json.bytes(anthropic(error));
    }

    /** The HTTP status an Anthropic caller gets: 529 for UNAVAILABLE (Anthropic's "overloaded"), else as is. */
    public static int anthropicStatus(GatewayError error) {
        return error.kind() == ErrorKind.UNAVAILABLE ? 529 : error.status();
    }

    /** Anthropic's error type for a kind (CANCELLED, never shown to a caller, maps to api_error). */
    public static String anthropicType(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case UNAVAILABLE -> "overloaded_error";
            case INTERNAL, UPSTREAM_ERROR, UPSTREAM_TIMEOUT, CANCELLED -> "api_error";
        };
    }
}
