package dev.freeport.config;

import java.time.Duration;

/**
 * An alias's canary thresholds ({@code canary:} under a model): what a canary of this alias started without its own
 * flags is watched with. The canary itself is started through the admin API ({@code freeport migrate canary}).
 *
 * @param maxErrorRateDelta how much worse (a fraction) the canary's error, cut-stream or check-failure rate may be
 *                          than the incumbent's before it is rolled back
 * @param minRequests       canary requests in the window before the watcher judges
 * @param window            the sliding window compared
 */
public record CanaryConfig(double maxErrorRateDelta, int minRequests, Duration window) {
    public static final CanaryConfig DEFAULT = new CanaryConfig(0.05, 20, Duration.ofMinutes(10));
}
