package dev.freeport.error;

/** Carries a {@link GatewayError} through futures. No stack trace: it is a control-flow value, not a bug. */
public final class GatewayException extends RuntimeException {
    private final GatewayError error;
    private final java.util.Map<String, String> headers;

    public GatewayException(GatewayError error) {
        this(error, java.util.Map.of());
    }

    /** With response headers to send along (e.g. a rate limiter's x-ratelimit-*). */
    public GatewayException(GatewayError error, java.util.Map<String, String> headers) {
        super(error.message(), null, false, false);
        this.error = error;
        this.headers = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public GatewayError error() {
        return error;
    }
}
