package dev.freeport.dialect.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.dialect.openai.OpenAiErrorJson;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;

/**
 * Errors in the Responses API's shapes. An HTTP error body is OpenAI's {@code {"error":{message,type,param,code}}}
 * (the Responses API uses the same one); a failed response carries {@code error: {code, message}}; a stream that
 * breaks gets an {@code error} event (see {@link ResponsesStreamEncoder}).
 */
public final class ResponsesErrors {
    private ResponsesErrors() {
    }

    /** The JSON body of an HTTP error answer. */
    public static ObjectNode body(GatewayError error) {
        return OpenAiErrorJson.of(error);
    }

    /**
     * The {@code error} of a failed response: the error's own code when it has one (e.g. an upstream's
     * {@code context_length_exceeded}, which Codex acts on), else {@code rate_limit_exceeded} for 429s,
     * {@code invalid_prompt} for other 4xx and {@code server_error} for the rest.
     */
    public static ObjectNode responseError(GatewayError error) {
        return Json.NODES.objectNode().put("code", code(error)).put("message", error.message());
    }

    static String code(GatewayError error) {
        if (error.code() != null && !error.code().isBlank()) {
            return error.code();
        }
        return switch (error.kind()) {
            case RATE_LIMITED -> "rate_limit_exceeded";
            case INVALID_REQUEST, PAYLOAD_TOO_LARGE, PERMISSION, NOT_FOUND, AUTHENTICATION -> "invalid_prompt";
            default -> "server_error";
        };
    }

    /** 404 for {@code GET}/{@code DELETE /v1/responses/{id}} of an unknown, expired or someone else's response. */
    public static GatewayError notFound(String id) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, "Response with id '" + id + "' not found.", null, null,
                null);
    }

    /** 400 for a {@code previous_response_id} that is unknown, expired, not stored or someone else's. */
    public static GatewayError previousNotFound(String id) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Previous response with id '" + id + "' not found.",
                "previous_response_id", "previous_response_not_found", null);
    }

    /**
     * 400 for {@code POST /v1/responses/{id}/cancel} of a response that exists: only a response created with
     * {@code background: true} can be cancelled, and Freeport runs none in the background (OpenAI answers a
     * response created without it the same way).
     */
    public static GatewayError notCancellable(String id) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Only responses created with background=true can be "
                + "cancelled; response '" + id + "' was not (Freeport does not run responses in the background).",
                null, null, null);
    }

    /** The body of a successful {@code DELETE /v1/responses/{id}}. */
    public static ObjectNode deleted(String id) {
        return Json.NODES.objectNode().put("id", id).put("object", "response").put("deleted", true);
    }
}
