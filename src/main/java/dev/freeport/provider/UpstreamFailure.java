package dev.freeport.provider;

import java.time.Duration;

/**
 * One failed attempt. {@code status} is the upstream HTTP status (0 when there was none);
 * {@code retryAfter} is the upstream's Retry-After, if it sent one; {@code message} is safe to show to callers
 * (never contains API keys). {@code upstreamType}/{@code upstreamCode} are the upstream's own error type/code,
 * when it sent them, so a 4xx can be passed on faithfully.
 */
public record UpstreamFailure(FailureKind kind, int status, String message, Duration retryAfter,
                              String upstreamType, String upstreamCode) {

    public static UpstreamFailure of(FailureKind kind, int status, String message) {
        return new UpstreamFailure(kind, status, message, null, null, null);
    }

    public UpstreamException toException() {
        return new UpstreamException(this);
    }
}
