package dev.freeport.policy;

import io.vertx.core.Future;

import java.util.Map;

/**
 * A check around dispatch (budgets, rate limits, ...). {@link #before} admits the request (returning a
 * {@link Ticket}) or fails with a {@link dev.freeport.error.GatewayException} (e.g. 429 budget_exceeded). The flow
 * runs policies in order; after the request ends it calls {@link Ticket#after} on the tickets of the policies
 * that ran, in reverse order, exactly once each, also when a later policy rejected the request.
 */
public interface Policy {

    Future<Ticket> before(Admission admission);

    /**
     * A cost that arrives without a request in flight: the answer of a request handed to a back end's batch API,
     * admitted earlier. At the hand-over its ticket was settled with its estimate ({@code heldNanos}, spent at
     * {@code heldAt}); now the estimate is taken back and the real cost ({@code costNanos}, 0 for a request that
     * ended without an answer) added. Policies that keep spend (budgets) do so; others ignore it.
     */
    default void charge(dev.freeport.caller.Principal principal, long costNanos, long heldNanos,
                        java.time.Instant heldAt) {
    }

    /** What an admitted request holds (a reservation, a slot); released or settled by {@link #after}. */
    interface Ticket {
        void after(Outcome outcome);

        /** Response headers to add (e.g. x-ratelimit-*); empty by default. */
        default Map<String, String> headers() {
            return Map.of();
        }

        /**
         * Sets the response headers on an answer's headers (each replaces any of its name): {@link #headers()} by
         * default; a ticket on every request writes them without making a map.
         */
        default void writeHeaders(io.vertx.core.MultiMap to) {
            for (Map.Entry<String, String> h : headers().entrySet()) {
                to.set(h.getKey(), h.getValue());
            }
        }

        Ticket NONE = outcome -> { };
    }
}
