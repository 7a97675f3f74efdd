package dev.freeport.error;

/** Every way a request can fail, with its HTTP status and OpenAI error type. One place decides these. */
public enum ErrorKind {
    INVALID_REQUEST(400, "invalid_request_error"),
    AUTHENTICATION(401, "authentication_error"),
    PERMISSION(403, "permission_error"),
    NOT_FOUND(404, "not_found_error"),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error"),
    RATE_LIMITED(429, "rate_limit_error"),
    /** the client went away before the answer was complete (nginx's 499) */
    CANCELLED(499, "cancelled"),
    INTERNAL(500, "server_error"),
    /** every target answered with an error, or a stream broke after it started */
    UPSTREAM_ERROR(502, "upstream_error"),
    /** no target could be tried (all circuits open), or upstreams said they are overloaded */
    UNAVAILABLE(503, "service_unavailable"),
    UPSTREAM_TIMEOUT(504, "timeout"),
    /** the gateway stopped before the request finished (its shutdown grace period ended) */
    SHUTDOWN(503, "service_unavailable");

    private final int status;
    private final String openAiType;

    ErrorKind(int status, String openAiType) {
        this.status = status;
        this.openAiType = openAiType;
    }

    public int status() {
        return status;
    }

    public String openAiType() {
        return openAiType;
    }

    /** The snake_case name stored in the ledger's error_kind column. */
    public String ledgerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
