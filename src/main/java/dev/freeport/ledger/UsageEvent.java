package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.time.Instant;

/**
 * Exactly one per request, whatever its outcome. Money is integer nano-dollars (1e-9 USD), exact enough that a
 * billion requests round off less than a dollar; it is never a double. Built with {@link #builder}.
 *
 * @param id            the request id (also the x-freeport-request-id header)
 * @param time          when the request arrived
 * @param caller        who called: "master", "anonymous", or a virtual key's prefix
 * @param endpoint      "chat" or "embeddings"
 * @param alias         the model alias asked for (may be null for requests rejected before it was read)
 * @param provider      the provider of the last attempt (null if none was tried)
 * @param upstreamModel the upstream model of the last attempt
 * @param attempts      attempts made (0 if none)
 * @param status        outcome
 * @param httpStatus    status sent to the caller
 * @param errorKind     {@link dev.freeport.error.ErrorKind#ledgerName()} or null on success
 * @param errorMessage  short message, or null
 * @param stream        whether the caller asked for a stream
 * @param usage         tokens, as reported by the upstream or, when {@code usage.estimated()}, counted by Freeport
 * @param costNanos     cost in nano-dollars
 * @param latencyMillis arrival to last byte
 * @param ttftMillis    arrival to first token (streams) or null
 * @param facts         the request's shape and attribution ({@link RequestFacts#NONE} when unknown)
 * @param cost          whether {@code costNanos} is known, and the amount in the vendor's currency when it bills in
 *                      another ({@link CostDetail#PRICED} when USD)
 * @param keyId         the caller's stable key id (a virtual key's id, "master", "anonymous"), or null when unknown;
 *                      unlike {@code caller} it survives a key's rotation (budgets are summed by it at start-up)
 * @param cache         the response cache's verdict ({@code hit}, {@code semantic}, {@code miss}, {@code bypass}), or
 *                      null when the alias keeps no cache (docs/CACHE.md)
 * @param savedNanos    a cache hit's saving: what the kept answer cost when it was first paid for (its cost here is
 *                      0); 0 otherwise
 */
public record UsageEvent(String id, Instant time, String caller, String endpoint, String alias, String provider,
                         String upstreamModel, int attempts, Status status, int httpStatus, String errorKind,
                         String errorMessage, boolean stream, Usage usage, long costNanos, long latencyMillis,
                         Long ttftMillis, RequestFacts facts, CostDetail cost, String keyId, String cache,
                         long savedNanos) {

    public UsageEvent {
        usage = usage == null ? Usage.NONE : usage;
        facts = facts == null ? RequestFacts.NONE : facts;
        cost = cost == null ? CostDetail.PRICED : cost;
    }

    /** Without a key id (events made before the ledger kept it). */
    public UsageEvent(String id, Instant time, String caller, String endpoint, String alias, String provider,
                      String upstreamModel, int attempts, Status status, int httpStatus, String errorKind,
                      String errorMessage, boolean stream, Usage usage, long costNanos, long latencyMillis,
                      Long ttftMillis, RequestFacts facts, CostDetail cost) {
        this(id, time, caller, endpoint, alias, provider, upstreamModel, attempts, status, httpStatus, errorKind,
                errorMessage, stream, usage, costNanos, latencyMillis, ttftMillis, facts, cost, null, null, 0);
    }

    /** Whether the answer came from the response cache (exact or semantic hit). */
    public boolean cacheHit() {
        return "hit".equals(cache) || "semantic".equals(cache);
    }

    /** Whether {@link #costNanos} is the request's cost in USD (false: no price, or no exchange rate). */
    public boolean costKnown() {
        return cost.known();
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

    public long inputTokens() {
        return usage.inputTokens();
    }

    public long outputTokens() {
        return usage.outputTokens();
    }

    public long cachedInputTokens() {
        return usage.cachedInputTokens();
    }

    public long cacheCreationTokens() {
        return usage.cacheCreationTokens();
    }

    public long reasoningTokens() {
        return usage.reasoningTokens();
    }

    public boolean estimated() {
        return usage.estimated();
    }

    /** An event of request {@code id}, arrived at {@code time}; everything else starts empty (status OK, 200). */
    public static Builder builder(String id, Instant time) {
        return new Builder(id, time);
    }

    /** A builder holding this event's values, to make a changed copy. */
    public Builder toBuilder() {
        return toBuilder(id);
    }

    /** A builder holding this event's values under another request id. */
    public Builder toBuilder(String newId) {
        return new Builder(newId, time).caller(caller).endpoint(endpoint).alias(alias).target(provider, upstreamModel)
                .attempts(attempts).outcome(status, httpStatus, errorKind, errorMessage).stream(stream).usage(usage)
                .costNanos(costNanos).latency(latencyMillis, ttftMillis).facts(facts).cost(cost).keyId(keyId)
                .cache(cache, savedNanos);
    }

    /** Builds a {@link UsageEvent} one named part at a time. */
    public static final class Builder {
        private final String id;
        private Instant time;
        private String caller;
        private String endpoint;
        private String alias;
        private String provider;
        private String upstreamModel;
        private int attempts;
        private Status status = Status.OK;
        private int httpStatus = 200;
        private String errorKind;
        private String errorMessage;
        private boolean stream;
        private Usage usage = Usage.NONE;
        private long costNanos;
        private long latencyMillis;
        private Long ttftMillis;
        private RequestFacts facts = RequestFacts.NONE;
        private CostDetail cost = CostDetail.PRICED;
        private String keyId;
        private String cache;
        private long savedNanos;

        private Builder(String id, Instant time) {
            this.id = id;
            this.time = time;
        }

        /** When the request arrived (to move a copy in time). */
        public Builder time(Instant v) {
            time = v;
            return this;
        }

        public Builder caller(String v) {
            caller = v;
            return this;
        }

        public Builder endpoint(String v) {
            endpoint = v;
            return this;
        }

        public Builder alias(String v) {
            alias = v;
            return this;
        }

        /** The provider and upstream model of the last attempt. */
        public Builder target(String providerName, String model) {
            provider = providerName;
            upstreamModel = model;
            return this;
        }

        public Builder attempts(int v) {
            attempts = v;
            return this;
        }

        /** How it ended: status, the HTTP status the caller saw, and the error kind and message (null on success). */
        public Builder outcome(Status s, int http, String kind, String message) {
            status = s;
            httpStatus = http;
            errorKind = kind;
            errorMessage = message;
            return this;
        }

        public Builder stream(boolean v) {
            stream = v;
            return this;
        }

        public Builder usage(Usage v) {
            usage = v;
            return this;
        }

        public Builder costNanos(long v) {
            costNanos = v;
            return this;
        }

        /** Arrival to last byte, and to the first token (null when none). */
        public Builder latency(long millis, Long ttft) {
            latencyMillis = millis;
            ttftMillis = ttft;
            return this;
        }

        public Builder facts(RequestFacts v) {
            facts = v;
            return this;
        }

        /** Whether the cost is known, and the vendor's own currency and amount (default: priced in USD). */
        public Builder cost(CostDetail v) {
            cost = v;
            return this;
        }

        /** The caller's stable key id (null when unknown). */
        public Builder keyId(String v) {
            keyId = v;
            return this;
        }

        /** The response cache's verdict (null: no cache) and a hit's saving in nano-dollars. */
        public Builder cache(String verdict, long saved) {
            cache = verdict;
            savedNanos = saved;
            return this;
        }

        public UsageEvent build() {
            return new UsageEvent(id, time, caller, endpoint, alias, provider, upstreamModel, attempts, status,
                    httpStatus, errorKind, errorMessage, stream, usage, costNanos, latencyMillis, ttftMillis, facts,
                    cost, keyId, cache, savedNanos);
        }
    }
}
