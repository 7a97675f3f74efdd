package dev.freeport.config;

import java.time.Duration;

/**
 * An alias's capture ({@code capture:} under a model): the migration lab keeps a sample of its answered requests
 * with their answers, compressed, for a later replay ({@code freeport replay --from captured}). A data class with
 * {@code capture: false} is never kept.
 *
 * @param sample       the share of answered requests kept, in (0, 1]
 * @param maxSizeBytes a request and its answer (uncompressed JSON) larger than this are not kept
 * @param retention    kept requests older than this are deleted
 * @param maxTotal     at most this many requests of the alias are kept; later ones are not
 */
public record CaptureConfig(double sample, long maxSizeBytes, Duration retention, int maxTotal) {
    public static final long DEFAULT_MAX_SIZE = 256 * 1024;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_MAX_TOTAL = 10_000;
}
