package dev.freeport.flow;

import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;

/**
 * Runs policies before dispatch, in order, and their "after" halves in reverse order, only for those that ran,
 * exactly once. A rejection releases what the earlier policies took.
 */
public final class PolicyChain {
    private final List<Policy> policies;

    public PolicyChain(List<Policy> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean isEmpty() {
        return policies.isEmpty();
    }

    /**
     * Admits through every policy; the tickets are added to {@code held} as each policy admits. Policies that answer
     * at once (the in-process counters) are run in a loop, with no promise and no listener: the future returned is
     * then already complete.
     */
    Future<Void> admit(Admission admission, List<Policy.Ticket> held) {
        for (int i = 0; i < policies.size(); i++) {
            Future<Policy.Ticket> f = before(i, admission);
            if (!f.isComplete()) {
                Promise<Void> done = Promise.promise();
                int at = i;
                f.onComplete(r -> admitted(r, at, admission, held, done));
                return done.future();
            }
            if (f.failed()) {
                refused(held);
                return Future.failedFuture(f.cause());
            }
            held.add(f.result());
        }
        return Future.succeededFuture();
    }

    private Future<Policy.Ticket> before(int i, Admission admission) {
        try {
            return policies.get(i).before(admission);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** After a policy that answered later: the rest of the chain, each policy in turn. */
    private void next(int i, Admission admission, List<Policy.Ticket> held, Promise<Void> done) {
        if (i == policies.size()) {
            done.complete();
            return;
        }
        Future<Policy.Ticket> f = before(i, admission);
        if (f.isComplete()) {
            admitted(f, i, admission, held, done);
        } else {
            f.onComplete(r -> admitted(r, i, admission, held, done));
        }
    }

    private void admitted(io.vertx.core.AsyncResult<Policy.Ticket> r, int i, Admission admission,
                          List<Policy.Ticket> held, Promise<Void> done) {
        if (r.failed()) {
            refused(held);
            done.fail(r.cause());
        } else {
            held.add(r.result());
            next(i + 1, admission, held, done);
        }
    }

    /** A policy refused: what the earlier ones took is given back. */
    private static void refused(List<Policy.Ticket> held) {
        settle(held, Outcome.NOTHING);
        held.clear();
    }

    /**
     * Calls after() on every held ticket, last first. The flow calls it once per request (its ledger step runs
     * once); a rejected admission settles and drops what it held itself.
     */
    static void settle(List<Policy.Ticket> held, Outcome outcome) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).after(outcome);
        }
    }

    /**
     * A cost that arrives without a request in flight (a batch API's answer, or 0 for one that never ran) in place
     * of the estimate held since the hand-over: charged by each policy that keeps spend.
     */
    void charge(dev.freeport.caller.Principal principal, long costNanos, long heldNanos, java.time.Instant heldAt) {
        for (Policy p : policies) {
            try {
                p.charge(principal, costNanos, heldNanos, heldAt);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(PolicyChain.class.getName()).log(java.util.logging.Level.WARNING,
                        "a policy could not charge a batch answer's cost", e);
            }
        }
    }

    static void headers(List<Policy.Ticket> held, io.vertx.core.MultiMap headers) {
        for (int i = 0; i < held.size(); i++) {
            held.get(i).writeHeaders(headers);
        }
    }
}
