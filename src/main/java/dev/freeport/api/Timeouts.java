package dev.freeport.api;

import java.time.Duration;

/**
 * Upstream timeouts; none is infinite. {@code firstByte} runs from sending the request to the response head
 * (non-stream: to the whole body, bounded by total); {@code idle} is the longest gap between two stream chunks;
 * {@code total} bounds one attempt from start to end.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(60), Duration.ofMinutes(10));
}
