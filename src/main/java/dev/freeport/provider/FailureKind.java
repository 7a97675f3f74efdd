package dev.freeport.provider;

/** Why one attempt against one target failed. Decides whether the router may try again. */
public enum FailureKind {
    /** could not connect / connection reset before any answer */
    CONNECT(true),
    /** connect, first-byte, idle or total timeout */
    TIMEOUT(true),
    /**
     * this machine could not send the request (out of file descriptors or ephemeral ports, the connection pool
     * refused): nothing reached the upstream, so its circuit breaker does not count it; another target may work
     */
    LOCAL(true),
    /** upstream said 429 */
    RATE_LIMITED(true),
    /** upstream said 5xx (or 529 overloaded) */
    SERVER_ERROR(true),
    /** upstream answered 2xx with a body we cannot read */
    MALFORMED(true),
    /** upstream said 4xx other than 429: the request itself is wrong, trying elsewhere will not help */
    CLIENT_ERROR(false),
    /** the caller went away */
    CANCELLED(false),
    /** a stream broke after its first chunk: connection reset, idle timeout, or an in-band error event */
    STREAM_CUT(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
