package dev.freeport.error;

/**
 * An error as the caller sees it. {@code status} normally equals {@code kind.status()} but may differ when an
 * upstream's own 4xx is passed on (e.g. a 422). {@code param} and {@code code} follow OpenAI's error object.
 */
public record GatewayError(ErrorKind kind, int status, String message, String param, String code,
                           Long retryAfterSeconds) {

    /** Every message is bounded, whatever a caller's string it repeats (see {@link Echo}). */
    public GatewayError {
        message = Echo.bounded(message);
    }

    public static GatewayError of(ErrorKind kind, String message) {
        return new GatewayError(kind, kind.status(), message, null, null, null);
    }

    public static GatewayError invalid(String param, String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 400, message, param, "invalid_value", null);
    }

    public GatewayError withCode(String newCode) {
        return new GatewayError(kind, status, message, param, newCode, retryAfterSeconds);
    }

    public GatewayException toException() {
        return new GatewayException(this);
    }
}
