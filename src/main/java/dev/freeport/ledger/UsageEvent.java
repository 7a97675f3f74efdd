package dev.freeport.ledger;

import java.time.Instant;

/**
 * Exactly one per request, whatever its outcome. Money is integer nano-dollars (1e-9 USD), exact enough that a
 * billion requests round off less than a dollar; it is never a double.
 *
 * @param id              the request id (also the x-freeport-request-id header)
 * @param time            when the request arrived
 * @param caller          who called: "master", "anonymous", later a virtual key's prefix
 * @param endpoint        "chat" or "embeddings"
 * @param alias           the model alias asked for (may be null for requests rejected before it was read)
 * @param provider        the provider of the last attempt (null if none was tried)
 * @param upstreamModel   the upstream model of the last attempt
 * @param attempts        attempts made (0 if none)
 * @param status          outcome
 * @param httpStatus      status sent to the caller
 * @param errorKind       {@link dev.freeport.error.ErrorKind#ledgerName()} or null on success
 * @param errorMessage    short message, or null
 * @param stream          whether the caller asked for a stream
 * @param estimated       whether token counts were counted by Freeport (the upstream reported none)
 * @param costNanos       cost in nano-dollars
 * @param latencyMillis   arrival to last byte
 * @param ttftMillis      arrival to first token (streams) or null
 * @param facts           the request's shape and attribution ({@link RequestFacts#NONE} when unknown)
 */
public record UsageEvent(String id, Instant time, String caller, String endpoint, String alias, String provider,
                         String upstreamModel, int attempts, Status status, int httpStatus, String errorKind,
                         String errorMessage, boolean stream, long inputTokens, long outputTokens,
                         long cachedInputTokens, long cacheCreationTokens, long reasoningTokens, boolean estimated,
                         long costNanos, long latencyMillis, Long ttftMillis, RequestFacts facts) {

    public UsageEvent {
        if (facts == null) {
            facts = RequestFacts.NONE;
        }
    }

    /** An event without request facts (imports, tests). */
    public UsageEvent(String id, Instant time, String caller, String endpoint, String alias, String provider,
                      String upstreamModel, int attempts, Status status, int httpStatus, String errorKind,
                      String errorMessage, boolean stream, long inputTokens, long outputTokens,
                      long cachedInputTokens, long cacheCreationTokens, long reasoningTokens, boolean estimated,
                      long costNanos, long latencyMillis, Long ttftMillis) {
        this(id, time, caller, endpoint, alias, provider, upstreamModel, attempts, status, httpStatus, errorKind,
                errorMessage, stream, inputTokens, outputTokens, cachedInputTokens, cacheCreationTokens,
                reasoningTokens, estimated, costNanos, latencyMillis, ttftMillis, RequestFacts.NONE);
    }

    public enum Status {
        /** answered in full */
        OK,
        /** rejected or every attempt failed before an answer started */
        FAILED,
        /** a stream broke after it started */
        CUT,
        /** the caller went away */
        CANCELLED
    }
}
