package dev.freeport.flow;

import dev.freeport.api.Usage;
import dev.freeport.caller.Principal;
import dev.freeport.error.GatewayError;
import dev.freeport.ledger.CostDetail;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.RequestWatch;
import dev.freeport.policy.Policy;
import dev.freeport.route.Attempt;
import dev.freeport.route.Deadline;
import dev.freeport.route.FallbackPlans;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one request as it moves through the flow, written step by step and turned into exactly one
 * {@link UsageEvent} at the end. Each step sets its own part once: who called (authenticate), the alias and the
 * request's shape (decode), the decision (route plan), the attempts (dispatch), the {@link Answer} (encode or
 * the end of a stream), and the {@link Ending} (how it ended: first one wins). Lives on one event loop.
 */
final class Exchange {
    final String id;
    final Instant arrived;
    final long startNanos;
    final String endpoint;
    Principal principal = Principal.ANONYMOUS;
    /** what the policies that admitted this request hold; settled exactly once, in reverse order */
    final List<Policy.Ticket> tickets = new ArrayList<>(2);
    String alias;
    /** the caller's API (the front's name), or null before the endpoint is known */
    String front;
    /** how the requested model name found its alias when not by name ("pattern claude-*", ...), or null */
    String aliasRule;
    boolean stream;
    /**
     * the request as decoded (before its admission's output cap), whose shape the ledger keeps: its fingerprint is
     * taken when the event is made, prefix tokens settled against the usage (one facts object per request, not two)
     */
    dev.freeport.api.ChatRequest fingerprinted;
    /** why the request went where it went (null before routing, e.g. a 401) */
    RouteDecision decision;
    List<Attempt> attempts = List.of();
    /** the deadline across all attempts (set once the request is decoded) */
    Deadline deadline;
    /** where the dispatch goes on a context-window or content-policy refusal (alias fallbacks) */
    FallbackPlans fallbackPlans = FallbackPlans.NONE;
    /** a tag the ledger event carries among the caller's tags (an inner request's, e.g. "batch:batch_abc"), or null */
    String tag;
    /** the guardrails' screening of this request (null when no guardrail rule is configured) */
    Guarding.State guard;
    /** the request as admitted, the routing inputs it was planned with, a non-streamed answer, the ledger event */
    dev.freeport.api.ChatRequest admitted;
    dev.freeport.route.RoutePlanner.Request routing;
    dev.freeport.api.ChatResult result;
    UsageEvent event;
    /** the target that answered, or null */
    Target served;
    /** handed to the served target's batch API (step "hand over"): no ledger event until its answer is settled */
    boolean handedOver;
    long firstTokenNanos;
    /** when a stream started (the flow's clock), what it is priced by; null for answers (priced when they arrive) */
    Instant processedAt;
    /** what a stream delivered so far (usage, text, finish reason): made by the first step that asks (streams only) */
    private StreamTally tally;
    /** the response cache's look-up (null when the alias keeps no cache), the answer it served, what fills it */
    dev.freeport.module.ResponseCache.Lookup cache;
    dev.freeport.module.CachedAnswer hit;
    /** what watches this request (metrics, traces); NONE without watchers */
    RequestWatch watch = RequestWatch.NONE;
    private Answer answer = Answer.NONE;
    private Ending ending;
    private boolean recorded;

    /** What came back: tokens, the finish reason and the cost (with whether it is known, and its currency). */
    record Answer(Usage usage, String finishReason, long costNanos, CostDetail cost) {
        static final Answer NONE = new Answer(Usage.NONE, null, 0, CostDetail.PRICED);
    }

    /**
     * How the request ended for the caller: the ledger status, the HTTP status the caller saw (200 for a stream
     * that broke after its head was sent), and the error, if any.
     */
    record Ending(UsageEvent.Status status, int httpStatus, GatewayError error) {
        static final Ending OK = new Ending(UsageEvent.Status.OK, 200, null);

        /** An error answered with its own status. */
        static Ending failed(UsageEvent.Status status, GatewayError error) {
            return new Ending(status, error.status(), error);
        }

        /** An error after a stream's head (status 200) went out. */
        static Ending afterHead(UsageEvent.Status status, GatewayError error) {
            return new Ending(status, 200, error);
        }
    }

    Exchange(String id, String endpoint) {
        this(id, endpoint, Instant.now());
    }

    private Exchange(String id, String endpoint, Instant arrived) {
        this.id = id;
        this.endpoint = endpoint;
        this.arrived = arrived;
        this.startNanos = System.nanoTime();
    }

    /** A request that just arrived, its new id made from its arrival's time (one wall-clock read for both). */
    static Exchange arrived(String endpoint) {
        Instant now = Instant.now();
        return new Exchange(RequestIds.next(now.toEpochMilli()), endpoint, now);
    }

    /** The target of the last attempt (served or not), or null. */
    Target lastTarget() {
        if (served != null) {
            return served;
        }
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).target();
    }

    /** What the stream delivered so far; made on first use, so an answer that is not streamed has none. */
    StreamTally tally() {
        if (tally == null) {
            tally = new StreamTally();
        }
        return tally;
    }

    void answered(Answer a) {
        this.answer = a;
    }

    Answer answer() {
        return answer;
    }

    /** Sets how the request ended, unless an ending was already set (the first one is what happened). */
    void end(Ending e) {
        if (ending == null) {
            ending = e;
        }
    }

    Ending ending() {
        return ending == null ? Ending.OK : ending;
    }

    /** True the first time only: guarantees one ledger event per request. */
    boolean markRecorded() {
        if (recorded) {
            return false;
        }
        recorded = true;
        return true;
    }

    UsageEvent toEvent() {
        Target t = lastTarget();
        Ending e = ending();
        Usage usage = answer.usage();
        long now = System.nanoTime();
        return UsageEvent.builder(id, arrived)
                .caller(principal.callerName())
                .keyId(principal.keyId())
                .endpoint(endpoint)
                .alias(alias)
                .target(t != null ? t.provider().name() : hit != null ? hit.provider() : null,
                        t != null ? t.upstreamModel() : hit != null ? hit.upstreamModel() : null)
                .attempts(attempts.size())
                .outcome(e.status(), e.httpStatus(), e.error() == null ? null : e.error().kind().ledgerName(),
                        e.error() == null ? null : truncate(e.error().message()))
                .stream(stream)
                .usage(usage)
                .costNanos(answer.costNanos())
                .cost(answer.cost())
                .latency((now - startNanos) / 1_000_000,
                        firstTokenNanos == 0 ? null : (firstTokenNanos - startNanos) / 1_000_000)
                .facts(facts(usage))
                .cache(cache == null ? null : cache.verdict(), hit == null ? 0 : hit.costNanos())
                .build();
    }

    private RequestFacts facts(Usage usage) {
        RouteDecision d = decision == null || guard == null ? decision : guard.note(decision, lastTarget());
        String route = d == null ? null : d.toJson(served == null ? null : served.label(), attempts);
        if (fingerprinted == null) {
            return route == null ? RequestFacts.NONE : RequestFacts.NONE.withDecision(route);
        }
        Fingerprints.Fingerprint fingerprint = Fingerprints.of(fingerprinted, front);
        RequestFacts f = fingerprint.facts();
        return f.settled(Fingerprints.prefixTokens(f, fingerprint.promptChars(), usage.inputTokens()),
                answer.finishReason(), principal.team(), tags(), route);
    }

    /** The caller's tags and the request's tag, comma-separated, or null. */
    private String tags() {
        String own = principal.tags().isEmpty() ? null : String.join(",", principal.tags());
        return tag == null ? own : own == null ? tag : own + "," + tag;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
