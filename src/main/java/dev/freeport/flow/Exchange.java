package dev.freeport.flow;

import dev.freeport.api.Usage;
import dev.freeport.caller.Principal;
import dev.freeport.error.GatewayError;
import dev.freeport.ledger.Fingerprints;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.policy.Policy;
import dev.freeport.route.Attempt;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one request as it moves through the flow: who called, what was asked, which attempts were made,
 * what came back. Turned into exactly one {@link UsageEvent} at the end. Lives on one event loop.
 */
final class Exchange {
    final String id;
    final Instant arrived;
    final long startNanos;
    final String endpoint;
    String caller = "anonymous";
    Principal principal = Principal.ANONYMOUS;
    /** what the policies that admitted this request hold; settled exactly once, in reverse order */
    final List<Policy.Ticket> tickets = new ArrayList<>(2);
    String alias;
    boolean stream;
    List<Attempt> attempts = List.of();
    Target served;
    long firstTokenNanos;
    Usage usage = Usage.NONE;
    UsageEvent.Status status = UsageEvent.Status.OK;
    int httpStatus = 200;
    GatewayError error;
    long costNanos;
    /** the request's shape; prefix tokens are settled against the usage when the event is made */
    Fingerprints.Fingerprint fingerprint;
    /** what a stream delivered so far (usage, text, finish reason) */
    final StreamTally tally = new StreamTally();
    String finishReason;
    /** why the request went where it went (null before routing, e.g. a 401) */
    RouteDecision decision;
    private boolean recorded;

    Exchange(String id, String endpoint) {
        this.id = id;
        this.endpoint = endpoint;
        this.arrived = Instant.now();
        this.startNanos = System.nanoTime();
    }

    /** The target of the last attempt (served or not), or null. */
    Target lastTarget() {
        if (served != null) {
            return served;
        }
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).target();
    }

    void fail(UsageEvent.Status status, GatewayError error) {
        this.status = status;
        this.error = error;
        this.httpStatus = error.status();
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
        long now = System.nanoTime();
        return new UsageEvent(id, arrived, caller, endpoint, alias,
                t == null ? null : t.provider().name(), t == null ? null : t.upstreamModel(),
                attempts.size(), status, httpStatus, error == null ? null : error.kind().ledgerName(),
                error == null ? null : truncate(error.message()), stream,
                usage.inputTokens(), usage.outputTokens(), usage.cachedInputTokens(), usage.cacheCreationTokens(),
                usage.reasoningTokens(), usage.estimated(), costNanos, (now - startNanos) / 1_000_000,
                firstTokenNanos == 0 ? null : (firstTokenNanos - startNanos) / 1_000_000, facts());
    }

    private RequestFacts facts() {
        String route = decision == null ? null : decision.withChosen(served == null ? null : served.label()).toJson();
        if (fingerprint == null) {
            return route == null ? RequestFacts.NONE : RequestFacts.NONE.withDecision(route);
        }
        return Fingerprints.settlePrefix(fingerprint.facts(), fingerprint.promptChars(), usage.inputTokens())
                .withFinishReason(finishReason)
                .withAttribution(principal.team(), principal.tags().isEmpty() ? null : String.join(",",
                        principal.tags()))
                .withDecision(route);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
