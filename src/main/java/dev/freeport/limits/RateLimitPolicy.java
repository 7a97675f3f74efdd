package dev.freeport.limits;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RPM, TPM and max parallel requests, per key and per team, in a rolling minute. Admission counts the request,
 * reserves prompt + max output tokens and takes a parallel slot on the key's and the team's lines at once (or
 * none of them); the end settles the tokens to the real count and frees the slot. Rejections are 429
 * {@code rate_limit_exceeded} with Retry-After and x-ratelimit-* headers; admitted answers carry the headers too.
 */
public final class RateLimitPolicy implements Policy {
    private static final Logger LOG = Logger.getLogger(RateLimitPolicy.class.getName());

    private final io.vertx.core.Vertx vertx;
    private final Counters counters;
    private final Clock clock;
    private final LimitUse use;
    private final PrincipalLines lines = new PrincipalLines();

    public RateLimitPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock) {
        this(vertx, counters, clock, new LimitUse());
    }

    /** Reporting each line's last seen state to {@code use} (metrics). */
    public RateLimitPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock, LimitUse use) {
        this.vertx = vertx;
        this.counters = counters;
        this.clock = clock;
        this.use = use;
    }

    @Override
    public Future<Ticket> before(Admission admission) {
        List<RateLine> lines = this.lines.rates(admission.principal());
        if (admission.cacheHit()) { // a request, but no provider tokens: requests per minute and in parallel only
            lines = lines.stream().map(RateLine::requestsOnly).filter(l -> !l.limits().isEmpty()).toList();
            return lines.isEmpty() ? Future.succeededFuture(Ticket.NONE) : acquire(admission, lines, 0, false);
        }
        if (lines.isEmpty()) {
            return Future.succeededFuture(Ticket.NONE);
        }
        // the prompt's cheap bound first; counted only when the bound does not fit a tokens-per-minute limit
        return acquire(admission, lines, admission.prompt().atMost() + admission.maxOutputTokens(),
                admission.prompt().bounded());
    }

    private Future<Ticket> acquire(Admission admission, List<RateLine> lines, long tokens, boolean countOnReject) {
        String id = admission.requestId();
        return OnCaller.then(OnCaller.guarded(vertx, counters.acquireRate(id, lines, tokens, clock.millis()), late -> {
            if (late.admitted()) {
                counters.releaseRate(id, lines, 0, clock.millis());
            }
        }), reply -> {
            if (reply.admitted()) {
                for (int i = 0; reply.states() != null && i < lines.size() && i < reply.states().size(); i++) {
                    use.rate(lines.get(i), reply.states().get(i));
                }
                return Future.succeededFuture(new RateTicket(id, lines,
                        RateHeaders.admitted(lines, reply.states())));
            }
            if (countOnReject && reply.dimension() == Counters.Dimension.TOKENS) {
                return acquire(admission, lines, admission.prompt().counted() + admission.maxOutputTokens(),
                        false);
            }
            return Future.failedFuture(rejection(lines.get(reply.rejectedLine()), reply, tokens));
        });
    }

    private static GatewayException rejection(RateLine line, Counters.RateReply reply, long tokens) {
        long ms = reply.retryAfterMillis();
        String what = switch (reply.dimension()) {
            case REQUESTS -> line.rpm() + " requests per minute";
            case TOKENS -> line.tpm() + " tokens per minute";
            case PARALLEL -> line.maxParallel() + " requests in parallel";
        };
        String when;
        if (ms < 0) {
            when = reply.dimension() == Counters.Dimension.TOKENS
                    ? " This request alone needs " + tokens + " tokens (prompt + max output); lower max_tokens."
                    : " This limit admits no requests.";
        } else if (reply.dimension() == Counters.Dimension.PARALLEL) {
            when = " Wait for a request in flight to finish.";
        } else {
            when = " Try again in " + RateHeaders.duration(ms) + ".";
        }
        Long retryAfter = ms < 0 ? null : Math.max(1, (ms + 999) / 1000);
        GatewayError error = new GatewayError(ErrorKind.RATE_LIMITED, 429, "Rate limit reached for " + line.display()
                + ": " + what + "." + when, null, "rate_limit_exceeded", retryAfter);
        Map<String, String> headers = RateHeaders.rejected(line, reply.dimension(), ms);
        return new GatewayException(error, headers);
    }

    private final class RateTicket implements Ticket {
        private final String requestId;
        private final List<RateLine> lines;
        private final RateHeaders.Admitted headers;
        private final AtomicBoolean done = new AtomicBoolean();

        RateTicket(String requestId, List<RateLine> lines, RateHeaders.Admitted headers) {
            this.requestId = requestId;
            this.lines = lines;
            this.headers = headers;
        }

        @Override
        public void after(Outcome outcome) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            long actual = outcome.inputTokens() + outcome.outputTokens();
            counters.releaseRate(requestId, lines, actual, clock.millis()).onFailure(e ->
                    LOG.log(Level.WARNING, "could not release the rate limits of request " + requestId
                            + " (its parallel slot frees itself when it expires): " + e.getMessage()));
        }

        @Override
        public Map<String, String> headers() {
            return headers.asMap();
        }

        @Override
        public void writeHeaders(io.vertx.core.MultiMap to) {
            headers.write(to);
        }
    }
}
