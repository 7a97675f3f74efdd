package dev.freeport.route;

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

    public boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }
}
