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
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
    private final long deadlineMs;
    private final Counters counters;
    private final Clock clock;
    private final LimitUse use;
    private final PrincipalLines lines = new PrincipalLines();

    public RateLimitPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock) {
        this(vertx, counters, clock, new LimitUse(), OnCaller.DEADLINE_MS);
    }

    /**
     * Reporting each line's last seen state to {@code use} (metrics); a request waits at most {@code deadlineMs}
     * for the counters' answer ({@code limits.deadline}).
     */
    public RateLimitPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock, LimitUse use, long deadlineMs) {
        this.deadlineMs = deadlineMs;
        this.vertx = vertx;
        this.counters = counters;
        this.clock = clock;
        this.use = use;
    }

    @Override
    public Future<Ticket> before(Admission admission) {
        PrincipalLines.Rates principal = this.lines.ratesOf(admission.principal());
        List<RateLine> lines = principal.lines();
        if (admission.cacheHit()) { // a request, but no provider tokens: requests per minute and in parallel only
            lines = lines.stream().map(RateLine::requestsOnly).filter(l -> !l.limits().isEmpty()).toList();
            return lines.isEmpty() ? Future.succeededFuture(Ticket.NONE) : acquire(admission, lines, null, 0, false);
        }
        if (lines.isEmpty()) {
            return Future.succeededFuture(Ticket.NONE);
        }
        // the prompt's cheap bound first; counted only when the bound does not fit a tokens-per-minute limit
        return acquire(admission, lines, principal.cells(), admission.prompt().atMost()
                + admission.maxOutputTokens(), admission.prompt().bounded());
    }

    /** {@code cells}: where the in-process counters keep the lines' minutes (null: none kept, for derived lines). */
    private Future<Ticket> acquire(Admission admission, List<RateLine> lines, Counters.Cells cells, long tokens,
                                   boolean countOnReject) {
        String id = admission.requestId();
        long now = clock.millis();
        Future<Counters.RateReply> op = counters.acquireRate(id, lines, cells, tokens, now);
        if (op.succeeded()) { // the in-process counters answer at once: no deadline, listener or lambda to make
            return answered(admission, lines, cells, tokens, countOnReject, now, op.result());
        }
        return OnCaller.guarded(vertx, op, deadlineMs, late -> {
            if (late.admitted()) {
                counters.releaseRate(id, lines, cells, tokens, now, 0, clock.millis());
            }
        }).compose(reply -> answered(admission, lines, cells, tokens, countOnReject, now, reply));
    }

    /** The ticket of an admitted request; a second try with the prompt counted; or the rejection. */
    private Future<Ticket> answered(Admission admission, List<RateLine> lines, Counters.Cells cells, long tokens,
                                    boolean countOnReject, long now, Counters.RateReply reply) {
        if (reply.admitted()) {
            for (int i = 0; reply.states() != null && i < lines.size() && i < reply.states().size(); i++) {
                use.rate(lines.get(i), reply.states().get(i));
            }
            return Future.succeededFuture(new RateTicket(admission.requestId(), lines, cells, tokens, now,
                    reply.states()));
        }
        if (countOnReject && reply.dimension() == Counters.Dimension.TOKENS) {
            return acquire(admission, lines, cells, admission.prompt().counted() + admission.maxOutputTokens(),
                    false);
        }
        return Future.failedFuture(rejection(lines.get(reply.rejectedLine()), reply, tokens));
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

    /** An admitted request's hold on its lines, with its headers' figures; released exactly once, whoever ends it. */
    private final class RateTicket extends RateHeaders.Admitted implements Ticket {
        private static final AtomicIntegerFieldUpdater<RateTicket> RELEASED =
                AtomicIntegerFieldUpdater.newUpdater(RateTicket.class, "released");
        private final String requestId;
        private final List<RateLine> lines;
        private final Counters.Cells cells;
        private final long reservedTokens;
        private final long admittedMillis;
        private volatile int released;

        RateTicket(String requestId, List<RateLine> lines, Counters.Cells cells, long reservedTokens,
                   long admittedMillis, List<Counters.RateState> states) {
            super(lines, states);
            this.requestId = requestId;
            this.lines = lines;
            this.cells = cells;
            this.reservedTokens = reservedTokens;
            this.admittedMillis = admittedMillis;
        }

        @Override
        public void after(Outcome outcome) {
            if (!RELEASED.compareAndSet(this, 0, 1)) {
                return;
            }
            long actual = outcome.inputTokens() + outcome.outputTokens();
            Future<Void> released = counters.releaseRate(requestId, lines, cells, reservedTokens, admittedMillis,
                    actual, clock.millis());
            if (!released.succeeded()) { // the in-process counters answer at once: no listener per request
                released.onFailure(e -> LOG.log(Level.WARNING, "could not release the rate limits of request "
                        + requestId + " (its parallel slot frees itself when it expires): " + e.getMessage()));
            }
        }

        @Override
        public Map<String, String> headers() {
            return asMap();
        }

        @Override
        public void writeHeaders(io.vertx.core.MultiMap to) {
            write(to);
        }
    }
}
