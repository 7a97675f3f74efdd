package dev.freeport.batch;

import java.time.Duration;

/**
 * How batches run: at most {@code concurrency} contained requests of one batch at once and at most
 * {@code requestsPerMinute} started per minute (each batch paced on its own), and how long a batch may take
 * ({@code window}: its requests without an answer then expire), and how often a batch handed to a back end's batch
 * API is polled there ({@code pollInterval}).
 */
record BatchSettings(int concurrency, int requestsPerMinute, Duration window, Duration pollInterval) {
    static final BatchSettings DEFAULT = new BatchSettings(2, 60, Duration.ofHours(24), Duration.ofSeconds(30));

    BatchSettings(int concurrency, int requestsPerMinute, Duration window) {
        this(concurrency, requestsPerMinute, window, DEFAULT.pollInterval());
    }

    BatchSettings {
        if (concurrency < 1 || requestsPerMinute < 1) {
            throw new IllegalArgumentException("batch concurrency and requests per minute must be at least 1");
        }
    }

    long intervalMs() {
        return 60_000L / requestsPerMinute;
    }
}
