package dev.freeport.config;

import java.util.Set;

/**
 * The {@code batch:} section (docs/BATCH.md, docs/CONFIG.md): how the batch APIs run a batch's requests as normal
 * requests through the gateway, each batch paced on its own: at most {@code concurrency} at once and at most
 * {@code requestsPerMinute} started per minute. Low by default: batches are for work no one waits for.
 * {@code pollSeconds}: how often a batch handed to a back end's own batch API is polled there (native
 * pass-through; failed polls back off, a Retry-After is honoured).
 */
public record BatchConfig(int concurrency, int requestsPerMinute, java.time.Duration pollInterval) {
    public static final BatchConfig DEFAULT = new BatchConfig(2, 60, java.time.Duration.ofSeconds(30));
    static final Set<String> KEYS = ConfigLoader.keys("concurrency", "requests_per_minute", "poll_seconds");

    public BatchConfig(int concurrency, int requestsPerMinute) {
        this(concurrency, requestsPerMinute, DEFAULT.pollInterval());
    }

    static BatchConfig read(Section s) {
        return new BatchConfig(s.integer("concurrency", DEFAULT.concurrency(), 1, 1000),
                s.integer("requests_per_minute", DEFAULT.requestsPerMinute(), 1, 1_000_000),
                java.time.Duration.ofSeconds(s.integer("poll_seconds", 30, 1, 86_400)));
    }
}
