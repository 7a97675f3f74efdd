package dev.freeport.config;

import dev.freeport.api.Timeouts;

import java.time.Duration;

/**
 * Retry, backoff and circuit breaker settings, and default timeouts.
 *
 * @param maxAttempts           attempts per request across all targets (>= 1)
 * @param backoffInitial        first backoff before retrying the same target; doubles, with full jitter
 * @param backoffMax            backoff cap
 * @param retryAfterCap         an upstream's Retry-After is honoured up to this; longer means "try another target"
 * @param breakerFailures       consecutive failures that open a target's circuit
 * @param breakerOpenFor        how long an open circuit stays open before one half-open probe
 * @param timeouts              each attempt's default timeouts (a provider may override them)
 * @param totalTimeout          the request's deadline across all attempts, from its arrival until its answer starts
 *                              (a caller's {@code x-freeport-timeout} header can only shorten it)
 */
public record RouterConfig(int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration retryAfterCap,
                           int breakerFailures, Duration breakerOpenFor, Timeouts timeouts, Duration totalTimeout) {

    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofMinutes(5);

    public static final RouterConfig DEFAULTS = new RouterConfig(4, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(10), 5, Duration.ofSeconds(30), Timeouts.DEFAULTS, DEFAULT_TOTAL_TIMEOUT);

    public RouterConfig {
        totalTimeout = totalTimeout == null ? DEFAULT_TOTAL_TIMEOUT : totalTimeout;
    }

    /** With the default total timeout. */
    public RouterConfig(int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration retryAfterCap,
                        int breakerFailures, Duration breakerOpenFor, Timeouts timeouts) {
        this(maxAttempts, backoffInitial, backoffMax, retryAfterCap, breakerFailures, breakerOpenFor, timeouts, null);
    }
}
