package dev.freeport.route;

import dev.freeport.config.RouterConfig;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamException;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Retry and fallback over a request's plan. Walks the targets in plan order, wrapping around while attempts
 * remain; skips targets whose circuit is open; waits before trying a target again (exponential backoff with full
 * jitter, or the upstream's Retry-After when it is within the cap; a longer Retry-After drops the target for this
 * request). Only failures before the answer started are seen here: once a stream has its first chunk the
 * provider future has completed and there is nothing left to retry. A target that answered 401/402/403/404 (a bad
 * key, an unpaid account, a model it does not have) is never tried again in the same request. The request's
 * {@link Deadline} bounds all of it: no attempt or backoff starts after it, and an attempt still waiting for its
 * answer when it passes is aborted (504 naming the deadline).
 */
public final class Dispatcher {
    private final Vertx vertx;
    private final RouterConfig config;

    public Dispatcher(Vertx vertx, RouterConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Dispatches under the configured deadline ({@code router.total_timeout}), counted from now. */
    public <T> Future<Dispatched<T>> dispatch(List<Target> plan, Cancellation cancellation,
                                              Function<Target, Future<T>> attempt) {
        return dispatch(plan, cancellation, defaultDeadline(System.nanoTime()), attempt);
    }

    public <T> Future<Dispatched<T>> dispatch(List<Target> plan, Cancellation cancellation, Deadline deadline,
                                              Function<Target, Future<T>> attempt) {
        return dispatch(plan, FallbackPlans.NONE, cancellation, deadline, attempt);
    }

    /**
     * As above; when an upstream refuses the request as too long for its context window, or under its content
     * policy, the walk continues over {@code conditional}'s list for that reason (once each) instead of failing.
     */
    public <T> Future<Dispatched<T>> dispatch(List<Target> plan, FallbackPlans conditional,
                                              Cancellation cancellation, Deadline deadline,
                                              Function<Target, Future<T>> attempt) {
        return dispatch(plan, conditional, cancellation, deadline, false, attempt::apply);
    }

    /**
     * As above, for attempts that end by their call's total timeout and give the target the deadline in it
     * ({@link Deadline#bound}): a target whose provider {@link dev.freeport.provider.Provider#endsByTotalTimeout
     * ends by it} gets no timer from the dispatcher, and its timeout once the deadline passed is the deadline's
     * (a 504 naming it; the breaker does not count it), as when the dispatcher's timer cut it.
     */
    public <T> Future<Dispatched<T>> dispatchBounded(List<Target> plan, FallbackPlans conditional,
                                                     Cancellation cancellation, Deadline deadline,
                                                     Function<Target, Future<T>> attempt) {
        return dispatch(plan, conditional, cancellation, deadline, true, attempt::apply);
    }

    /**
     * As above ({@code bounded}: as {@link #dispatchBounded}), each attempt sent by {@code sender}, which also hears
     * of each attempt that failed: the dispatcher's own listener on the attempt tells it, so the caller needs none.
     */
    public <T> Future<Dispatched<T>> dispatch(List<Target> plan, FallbackPlans conditional,
                                              Cancellation cancellation, Deadline deadline, boolean bounded,
                                              Sender<T> sender) {
        Promise<Dispatched<T>> promise = Promise.promise();
        new Run<>(plan, conditional, cancellation, deadline, bounded, sender, promise).next();
        return promise.future();
    }

    /** Sends one attempt at a target, and hears when one failed. */
    @FunctionalInterface
    public interface Sender<T> {
        /** The attempt at {@code target}: its answer, or its failure. */
        Future<T> send(Target target);

        /**
         * The attempt at {@code target} failed ({@code cause}), thrown as an {@link UpstreamException} by {@link
         * #send} or as its future's failure; also one the deadline cut, once its call ended. Before the dispatcher
         * goes on. Does nothing by default.
         */
        default void failed(Target target, Throwable cause) {
        }
    }

    /** The configured deadline of a request that arrived at {@code startNanos}. */
    public Deadline defaultDeadline(long startNanos) {
        return Deadline.after(startNanos, config.totalTimeout(), "router.total_timeout");
    }

    /** A failure that says the target itself is unusable (key, account, model): trying it again cannot help. */
    static boolean targetUnusable(UpstreamFailure f) {
        return f.kind() == FailureKind.CLIENT_ERROR && (f.status() == 401 || f.status() == 402 || f.status() == 403
                || f.status() == 404);
    }

    /**
     * Whether a failure may be retried elsewhere. Upstream 401/402/403/404 mean a misconfigured or unpaid
     * target, not a bad request.
     */
    static boolean retryable(UpstreamFailure f) {
        if (f.kind().retryable()) {
            return true;
        }
        return f.kind() == FailureKind.CLIENT_ERROR && (f.status() == 401 || f.status() == 402 || f.status() == 403
                || f.status() == 404);
    }

    private final class Run<T> {
        private List<Target> plan;
        private final FallbackPlans conditional;
        private boolean switchedForContext;
        private boolean switchedForPolicy;
        private final Cancellation cancellation;
        private final Deadline deadline;
        /** the attempts carry the deadline in their total timeout ({@link #dispatchBounded}) */
        private final boolean bounded;
        private final Sender<T> sender;
        private final Promise<Dispatched<T>> promise;
        /** the attempts so far: made by the first one that failed (one that served at once is a list of one) */
        private List<Attempt> attempts = List.of();
        /** targets not to try again in this request; made by the first one dropped */
        private Set<Target> dropped;
        /** tries per target so far; made by the first try (a plan switched to starts anew) */
        private int[] triesPerTarget;
        /** each target's last failure; made by the first failure */
        private UpstreamFailure[] lastFailure;
        private int cursor;

        Run(List<Target> plan, FallbackPlans conditional, Cancellation cancellation, Deadline deadline,
            boolean bounded, Sender<T> sender, Promise<Dispatched<T>> promise) {
            this.plan = plan;
            this.conditional = conditional;
            this.cancellation = cancellation;
            this.deadline = deadline;
            this.bounded = bounded;
            this.sender = sender;
            this.promise = promise;
        }

        void next() {
            if (cancellation.isCancelled()) {
                promise.tryFail(new DispatchFailed(FailoverErrors.cancelled(cancellation), attempts));
                return;
            }
            if (deadline.passed()) {
                promise.tryFail(new DispatchFailed(FailoverErrors.deadline(deadline, attempts), attempts));
                return;
            }
            if (attempts.size() >= config.maxAttempts()) {
                promise.tryFail(new DispatchFailed(FailoverErrors.exhausted(attempts, plan, dropped), attempts));
                return;
            }
            int chosen = -1;
            for (int step = 0; step < plan.size(); step++) {
                int i = (cursor + step) % plan.size();
                Target t = plan.get(i);
                if ((dropped == null || !dropped.contains(t)) && t.breaker().tryAcquire()) {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0) {
                promise.tryFail(new DispatchFailed(FailoverErrors.exhausted(attempts, plan, dropped), attempts));
                return;
            }
            cursor = chosen + 1;
            long delay = delayBefore(chosen);
            int index = chosen;
            if (delay > 0 && delay >= deadline.remainingMillis()) {
                plan.get(chosen).breaker().onNeutral();
                promise.tryFail(new DispatchFailed(FailoverErrors.deadline(deadline, attempts), attempts));
                return;
            }
            if (delay <= 0) {
                send(index);
            } else {
                vertx.setTimer(delay, id -> send(index));
            }
        }

        /** The attempt on {@code target} had no answer when the deadline passed: a 504 naming it, no breaker count. */
        private void cutAtDeadline(Target target, long start) {
            target.breaker().onNeutral();
            tried(new Attempt(target, UpstreamFailure.of(FailureKind.TIMEOUT, 0,
                    "no answer before the request's deadline"), (System.nanoTime() - start) / 1_000_000));
            promise.tryFail(new DispatchFailed(FailoverErrors.deadline(deadline, attempts), attempts));
        }

        /** Adds an attempt that did not serve (or served after others) to the list, made by the first. */
        private void tried(Attempt a) {
            if (!(attempts instanceof ArrayList<Attempt>)) {
                List<Attempt> earlier = attempts;
                attempts = new ArrayList<>(Math.max(4, earlier.size() + 1));
                attempts.addAll(earlier);
            }
            attempts.add(a);
        }

        /** Switches the walk to the fallback list for this refusal, if there is one not used yet. */
        private boolean switchFor(UpstreamFailure f) {
            List<Target> to = null;
            if (!switchedForContext && !conditional.onContextWindow().isEmpty() && FallbackPlans.contextWindow(f)) {
                switchedForContext = true;
                to = conditional.onContextWindow();
            } else if (!switchedForPolicy && !conditional.onContentPolicy().isEmpty()
                    && FallbackPlans.contentPolicy(f)) {
                switchedForPolicy = true;
                to = conditional.onContentPolicy();
            }
            if (to == null) {
                return false;
            }
            plan = to;
            triesPerTarget = null;
            lastFailure = null;
            cursor = 0;
            return true;
        }

        private long delayBefore(int i) {
            int tries = triesPerTarget == null ? 0 : triesPerTarget[i];
            if (tries == 0) {
                return 0;
            }
            UpstreamFailure last = lastFailure == null ? null : lastFailure[i];
            if (last != null && last.retryAfter() != null) {
                return last.retryAfter().toMillis();
            }
            long cap = config.backoffMax().toMillis();
            long base = Math.min(cap, config.backoffInitial().toMillis() << Math.min(20, tries - 1));
            return ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        }

        private void send(int i) {
            Target target = plan.get(i);
            if (cancellation.isCancelled()) {
                target.breaker().onNeutral();
                promise.tryFail(new DispatchFailed(FailoverErrors.cancelled(cancellation), attempts));
                return;
            }
            if (triesPerTarget == null) {
                triesPerTarget = new int[plan.size()];
            }
            triesPerTarget[i]++;
            new Try(target, i).send();
        }

        /**
         * One attempt under way: its timer (unless it ends by its call's total timeout) and what its answer does. One
         * object for the attempt's timer and its one listener on the answer (a {@link Completable}: Vert.x wraps a
         * {@code Handler} listener in a lambda of its own).
         */
        private final class Try implements Completable<T> {
            private final Target target;
            private final int i;
            private final long start = System.nanoTime();
            private final boolean ownTimer;
            private long timer = -1;
            /** the attempt ended for the dispatch: answered, failed, or cut at the deadline */
            private boolean settled;

            Try(Target target, int i) {
                this.target = target;
                this.i = i;
                this.ownTimer = !bounded || !target.provider().endsByTotalTimeout();
            }

            void send() {
                if (ownTimer) {
                    timer = vertx.setTimer(Math.max(1, deadline.remainingMillis()), id -> {
                        if (!settled) {
                            settled = true;
                            cutAtDeadline(target, start);
                            cancellation.cancel(); // aborts the attempt: the request has failed
                        }
                    });
                }
                Future<T> result;
                try {
                    result = sender.send(target);
                } catch (UpstreamException e) {
                    result = Future.failedFuture(e);
                }
                result.onComplete(this);
            }

            @Override
            public void complete(T value, Throwable failure) {
                if (failure != null) {
                    sender.failed(target, failure);
                }
                if (ownTimer) {
                    vertx.cancelTimer(timer);
                }
                if (settled) {
                    return;
                }
                settled = true;
                answered(target, i, start, ownTimer, value, failure);
            }
        }

        /**
         * The answer of the attempt at {@code plan[i]} ({@code value}, or {@code failure} when not null), started at
         * {@code start}, not cut by the deadline; {@code ownTimer}: the dispatcher timed it (else its call's total
         * timeout carried the deadline).
         */
        private void answered(Target target, int i, long start, boolean ownTimer, T value, Throwable failure) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (failure == null) {
                target.breaker().onSuccess();
                Attempt served = new Attempt(target, null, millis);
                if (attempts.isEmpty()) {
                    attempts = List.of(served); // served at once: the usual case
                } else {
                    tried(served);
                }
                promise.tryComplete(new Dispatched<>(value, target, attempts));
                return;
            }
            UpstreamFailure f = failure instanceof UpstreamException ue ? ue.failure()
                    : UpstreamFailure.of(FailureKind.CONNECT, 0, String.valueOf(failure.getMessage()));
            if (!ownTimer && f.kind() == FailureKind.TIMEOUT && deadline.passed()) {
                cutAtDeadline(target, start); // the deadline, passed in the call's total timeout
                return;
            }
            tried(new Attempt(target, f, millis));
            if (f.kind() == FailureKind.CANCELLED) {
                target.breaker().onNeutral();
                promise.tryFail(new DispatchFailed(FailoverErrors.cancelled(cancellation), attempts));
            } else if (!retryable(f)) {
                target.breaker().onNeutral();
                if (switchFor(f)) {
                    next();
                } else {
                    promise.tryFail(new DispatchFailed(FailoverErrors.notRetryable(f, target), attempts));
                }
            } else {
                if (f.kind() == FailureKind.LOCAL) {
                    target.breaker().onNeutral(); // this machine failed, not the upstream
                } else {
                    target.breaker().onFailure();
                }
                if (lastFailure == null) {
                    lastFailure = new UpstreamFailure[plan.size()];
                }
                lastFailure[i] = f;
                if (targetUnusable(f)
                        || f.retryAfter() != null && f.retryAfter().compareTo(config.retryAfterCap()) > 0) {
                    if (dropped == null) {
                        dropped = new HashSet<>();
                    }
                    dropped.add(target);
                }
                next();
            }
        }
    }
}
