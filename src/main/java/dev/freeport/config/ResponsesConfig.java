package dev.freeport.config;

import java.time.Duration;

/**
 * The {@code responses:} section: what the Responses API ({@code /v1/responses}) keeps. Read at start-up: a
 * change needs a restart.
 *
 * @param store         whether responses are kept at all (for {@code previous_response_id} and
 *                      {@code GET /v1/responses/{id}}); off, a request's {@code store: true} keeps nothing
 * @param retention     how long a kept response stays readable
 * @param maxEntryBytes the largest entry kept, compressed (response and conversation together); a larger one is
 *                      not kept, the answer itself is unaffected
 */
public record ResponsesConfig(boolean store, Duration retention, long maxEntryBytes) {

    /** Kept, 30 days (as OpenAI keeps responses), 16 MiB an entry. */
    public static final ResponsesConfig DEFAULT = new ResponsesConfig(true, Duration.ofDays(30), 16L << 20);
}
