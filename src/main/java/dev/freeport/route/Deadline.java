package dev.freeport.route;

import dev.freeport.api.Timeouts;

import java.time.Duration;

/**
 * The one deadline of a request across all its attempts: {@code limit} after the request arrived, set by
 * {@code router.total_timeout} or shortened by the caller's {@code x-freeport-timeout} header ({@code source} says
 * which, for the 504's message). It bounds the dispatch (retries, backoff, fallbacks, and each attempt until its
 * answer starts); a stream that started before it is not cut by it.
 *
 * @param atNanos {@link System#nanoTime()} when it passes
 */
public record Deadline(long atNanos, Duration limit, String source) {
    /** The request header a caller shortens the deadline with. */
    public static final String HEADER = "x-freeport-timeout";

    /** {@code limit} after {@code startNanos}. */
    public static Deadline after(long startNanos, Duration limit, String source) {
        return new Deadline(startNanos + limit.toNanos(), limit, source);
    }

    /** Milliseconds left (0 when passed). */
    public long remainingMillis() {
        return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000);
    }

    /**
     * {@code timeouts} with the total shortened to the time left until this deadline (rounded up to a millisecond,
     * so it never ends before the deadline); {@code timeouts} itself when their total ends first.
     */
    public Timeouts bound(Timeouts timeouts) {
        long left = atNanos - System.nanoTime();
        if (left >= timeouts.total().toNanos()) {
            return timeouts;
        }
        return new Timeouts(timeouts.connect(), timeouts.firstByte(), timeouts.idle(),
                Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000)));
    }

    public boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }
}
