package dev.freeport.flow;

import dev.freeport.api.Usage;
import dev.freeport.guardrails.FindingCounter;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.policy.Outcome;
import dev.freeport.route.assembly.GatewayRuntime;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end of every request of the flow ({@link RequestFlow}): what came back priced ({@link #answered}), step
 * "ledger + policies after" ({@link #record}: exactly one usage event, before the answer's last byte) and step
 * "after the answer" ({@link #afterAnswer}: what the router learns, the watchers, the request log's line).
 */
final class Recorder {
    private static final Logger LOG = Logger.getLogger(Recorder.class.getName());

    private final Supplier<GatewayRuntime> runtime;
    private final Ledger ledger;
    private final RequestLog requestLog;
    private final FindingCounter guardrailFindings = new FindingCounter();
    /** what requests are priced by: the time a request was processed (time-of-day prices) */
    private final Clock clock;

    Recorder(Supplier<GatewayRuntime> runtime, Ledger ledger, RequestLog requestLog, Clock clock) {
        this.runtime = runtime;
        this.ledger = ledger;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    /** Guardrail findings since start, by kind and action (counted as requests are recorded). */
    FindingCounter guardrailFindings() {
        return guardrailFindings;
    }

    /** The time on the clock requests are priced by. */
    Instant now() {
        return clock.instant();
    }

    /** What came back, priced the way the serving target's vendor bills it ({@link Costs}). */
    void answered(Exchange ex, Usage usage, String finishReason) {
        answered(ex, usage, finishReason, System.nanoTime());
    }

    /** As above, the answer complete at {@code nowNanos} (a time the caller has read already: one clock read less). */
    void answered(Exchange ex, Usage usage, String finishReason, long nowNanos) {
        ex.answered(Costs.answer(ex.served, usage, finishReason, ex.processedAt != null ? ex.processedAt
                : clock.instant(), (nowNanos - ex.startNanos) / 1_000_000, runtime.get().fx()));
    }

    /**
     * Settles the request's policies (a caller that sends its next request once it has this answer, on any
     * connection, finds its parallel slot and its budget's hold given back) and journals its one usage event. Called
     * just before the last byte of the answer is written, so an answered request is in the journal even if the
     * process dies the next instant. What neither needs waits for {@link #afterAnswer}.
     */
    void record(Exchange ex) {
        if (!ex.markRecorded() || ex.handedOver) {
            return; // a handed-over request is recorded when its answer is settled (Handover)
        }
        Exchange.Answer a = ex.answer();
        PolicyChain.settle(ex.tickets, new Outcome(a.costNanos(), a.usage().inputTokens(), a.usage().outputTokens(),
                !ex.attempts.isEmpty()));
        Guarding.count(ex, guardrailFindings); // counted once the event is journaled (without rules: one field read)
        UsageEvent event = ex.toEvent();
        try {
            ex.event = event;
            if (!RequestFlow.QUERY.equals(ex.endpoint)) { // answered by the gateway itself: the request log only
                ledger.record(event);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not journal usage of request " + ex.id, e);
        }
        Caching.offer(ex); // before the answer's last byte: a repeat sent once the answer arrived finds it
    }

    /** A settled hand-over's record and what follows it ({@link Handover#settle}: no caller waits on a socket). */
    void recordNow(Exchange ex) {
        record(ex);
        afterAnswer(ex);
    }

    /**
     * Once the answer was written (its last byte handed over, or the caller gone), on the same event loop: what the
     * router learns from the request ({@link Attempts#learn}), the watchers told (metrics, traces) and the request
     * log's line. Nothing the caller sees depends on it, so the caller does not wait for it. Once per recorded
     * request (the flow's last step calls it; a settled hand-over right after its record); nothing for a request
     * handed over and not settled yet.
     */
    void afterAnswer(Exchange ex) {
        UsageEvent event = ex.event;
        if (event == null) {
            return;
        }
        Attempts.learn(runtime.get(), ex);
        try {
            ex.watch.ended(event, ex.principal, ex.front, ex.attempts);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + ex.id + ": a watcher failed", e);
        }
        RequestLine.write(runtime.get().config().server().requestLog(), requestLog, ex);
    }
}
