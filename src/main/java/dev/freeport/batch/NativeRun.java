package dev.freeport.batch;

import dev.freeport.module.InnerRequests;
import dev.freeport.provider.BatchApi;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The native half of a batch's run (docs/BATCH.md), once every request was routed: the requests handed to
 * providers with a batch API go in one provider batch per provider (submitted once: its id is stored the moment
 * the provider names it, and a resumed run polls it again), each polled every {@code pollInterval} (a failed poll
 * backs off, up to 16 times the interval; a Retry-After is honoured), and when one ends its answers are settled
 * through the flow (ledger event at the batch price, budgets, the caller's format) and stored. A cancel on the
 * gateway cancels the provider batches. Runs on the batch run's context; store calls on the module's workers.
 */
final class NativeRun {
    private static final Logger LOG = Logger.getLogger(NativeRun.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final Batch batch;
    private final BatchStore store;
    private final NativeRows rows;
    private final InnerRequests sender;
    private final Duration pollInterval;
    private final Function<Callable<?>, Future<?>> workers;
    private final Function<Batch.Line, InnerRequests.Request> requestOf;
    private final Runnable done;
    /** provider → its submitted batch; the handed requests by position */
    private final Map<String, Batch.Upstream> upstreams = new LinkedHashMap<>();
    private final Map<String, BatchApi> apis = new HashMap<>();
    private final Map<Integer, Batch.Line> handed = new HashMap<>();
    /** handed requests settled or released here: their budget holds are no longer held */
    private final java.util.Set<Integer> closed = new java.util.HashSet<>();
    private int open;
    private boolean cancelled;
    private boolean stopped;
    private final List<Long> timers = new ArrayList<>();

    NativeRun(Vertx vertx, Context context, Batch batch, BatchStore store, InnerRequests sender, Duration pollInterval,
              Function<Callable<?>, Future<?>> workers, Function<Batch.Line, InnerRequests.Request> requestOf,
              Runnable done) {
        this.vertx = vertx;
        this.context = context;
        this.batch = batch;
        this.store = store;
        this.rows = new NativeRows(store);
        this.sender = sender;
        this.pollInterval = pollInterval;
        this.workers = workers;
        this.requestOf = requestOf;
        this.done = done;
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> blocking(Callable<T> work) {
        return (Future<T>) workers.apply(work);
    }

    /** Starts: submits what was not submitted (unless the batch was cancelled), polls what was. */
    void start(boolean cancelling) {
        this.cancelled = cancelling;
        blocking(() -> {
            List<Batch.Line> pending = new ArrayList<>();
            for (Batch.Line l : store.lines(batch.id(), true)) {
                if (l.handed() != null) {
                    pending.add(l);
                }
            }
            return new Object[] {pending, rows.upstreams(batch.id())};
        }).onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                LOG.warning("batch " + batch.id() + ": could not read its handed requests (it resumes at the next"
                        + " start): " + ar.cause().getMessage());
                return;
            }
            @SuppressWarnings("unchecked") List<Batch.Line> pending = (List<Batch.Line>) ar.result()[0];
            @SuppressWarnings("unchecked") List<Batch.Upstream> known = (List<Batch.Upstream>) ar.result()[1];
            Map<String, List<Batch.Line>> byProvider = new LinkedHashMap<>();
            for (Batch.Line l : pending) {
                handed.put(l.idx(), l);
                byProvider.computeIfAbsent(l.handed().provider(), p -> new ArrayList<>()).add(l);
                apis.computeIfAbsent(l.handed().provider(), p -> sender.batchApi(handedOf(l)));
            }
            for (Batch.Upstream u : known) {
                if (u.status() == null && byProvider.containsKey(u.provider())) {
                    upstreams.put(u.provider(), u);
                }
            }
            open = byProvider.size();
            if (open == 0) {
                done.run();
                return;
            }
            for (Map.Entry<String, List<Batch.Line>> e : byProvider.entrySet()) {
                if (upstreams.containsKey(e.getKey())) {
                    if (cancelled) {
                        cancelUpstream(e.getKey());
                    }
                    schedule(e.getKey(), 0, 1);
                } else if (cancelled || known.stream().anyMatch(u -> u.provider().equals(e.getKey()))) {
                    ended(e.getKey()); // never submitted (cancelled first), or ended before: the rest's outcome
                } else {
                    submit(e.getKey(), e.getValue());
                }
            }
        }));
    }

    /** The gateway's cancel: each submitted provider batch is cancelled there; its answers still come back. */
    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        upstreams.keySet().forEach(this::cancelUpstream);
    }

    void stop() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
    }

    private void cancelUpstream(String provider) {
        BatchApi api = apis.get(provider);
        if (api != null) {
            Upstreams.cancel(api, upstreams.get(provider).upstreamId()).onFailure(e -> LOG.warning("batch "
                    + batch.id() + ": cancelling its batch at " + provider + " failed: " + e.getMessage()));
        }
    }

    private void submit(String provider, List<Batch.Line> lines) {
        BatchApi api = apis.get(provider);
        if (api == null) {
            ended(provider);
            return;
        }
        Upstreams.submit(api, lines).onComplete(ar -> context.runOnContext(v -> {
            if (stopped) {
                return;
            }
            if (ar.failed()) {
                LOG.warning("batch " + batch.id() + ": submitting to " + provider + " failed (tried again later): "
                        + ar.cause().getMessage());
                long t = vertx.setTimer(pollInterval.toMillis(), id -> context.runOnContext(x -> submit(provider,
                        lines)));
                timers.add(t);
                return;
            }
            String id = ar.result();
            blocking(() -> {
                rows.submitted(batch.id(), provider, id);
                return null;
            }).onComplete(kept -> context.runOnContext(x -> {
                upstreams.put(provider, new Batch.Upstream(batch.id(), provider, id, null));
                if (cancelled) {
                    cancelUpstream(provider);
                }
                schedule(provider, pollInterval.toMillis(), 1);
            }));
        }));
    }

    private void schedule(String provider, long delayMs, int backoff) {
        if (stopped) {
            return;
        }
        long t = vertx.setTimer(Math.max(1, delayMs), id -> context.runOnContext(v -> poll(provider, backoff)));
        timers.add(t);
    }

    private void poll(String provider, int backoff) {
        if (stopped) {
            return;
        }
        BatchApi api = apis.get(provider);
        Batch.Upstream u = upstreams.get(provider);
        if (api == null) { // the provider is no longer configured with a batch API: its requests end unanswered
            ended(provider);
            return;
        }
        Upstreams.poll(api, u.upstreamId())
                .compose(p -> p.ended() ? Upstreams.results(api, u.upstreamId(), p).map(list -> settle(provider, p,
                        list)) : Future.succeededFuture(false))
                .onComplete(ar -> context.runOnContext(v -> {
                    if (ar.succeeded()) {
                        if (!ar.result()) {
                            schedule(provider, pollInterval.toMillis(), 1);
                        }
                        return;
                    }
                    Duration wait = ar.cause() instanceof Upstreams.Failed f && f.retryAfter != null ? f.retryAfter
                            : pollInterval.multipliedBy(Math.min(16, backoff * 2L));
                    LOG.warning("batch " + batch.id() + ": polling its batch at " + provider + " failed (again in "
                            + wait.toSeconds() + " s): " + ar.cause().getMessage());
                    schedule(provider, wait.toMillis(), Math.min(16, backoff * 2));
                }));
    }

    /** Settles each answer of an ended provider batch in order; true (the provider batch is done) once started. */
    private boolean settle(String provider, Upstreams.Poll poll, List<Upstreams.Answer> answers) {
        Future<Void> chain = Future.succeededFuture();
        long now = System.currentTimeMillis();
        java.util.Set<Integer> answered = new java.util.HashSet<>();
        for (Upstreams.Answer a : answers) {
            Batch.Line line = handed.get(a.idx());
            if (line == null || !provider.equals(line.handed().provider())) {
                continue;
            }
            answered.add(a.idx());
            chain = chain.compose(v -> settleOne(line, a, now));
        }
        for (Batch.Line line : handed.values()) {
            if (provider.equals(line.handed().provider()) && !answered.contains(line.idx())) {
                chain = chain.compose(v -> unanswered(line, poll));
            }
        }
        chain.onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                LOG.warning("batch " + batch.id() + ": answers from " + provider + " could not all be stored (it"
                        + " resumes at the next start): " + ar.cause().getMessage());
                return;
            }
            blocking(() -> {
                rows.ended(batch.id(), provider, "ended");
                return null;
            }).onComplete(x -> context.runOnContext(y -> ended(provider)));
        }));
        return true;
    }

    /**
     * A request the ended provider batch has no answer for: expired or cancelled with it, or errored with the
     * batch's failure (e.g. OpenAI's validation of the input file) in the batch's error shape.
     */
    private Future<Void> unanswered(Batch.Line line, Upstreams.Poll poll) {
        release(line);
        return blocking(() -> {
            switch (poll.status()) {
                case "expired" -> rows.unsent(batch.id(), line.idx(), BatchStore.EXPIRED);
                case "cancelled", "canceled" -> rows.unsent(batch.id(), line.idx(), BatchStore.CANCELED);
                default -> store.answer(batch.id(), line.idx(), BatchStore.ERRORED, 502, Outputs.errorJson(batch.api(),
                        "The provider's batch API " + (poll.failure() != null ? "failed the batch: " + poll.failure()
                        : "ended its batch (" + poll.status() + ") without an answer for this request.")),
                        line.requestId());
            }
            return null;
        }).mapEmpty();
    }

    private Future<Void> settleOne(Batch.Line line, Upstreams.Answer a, long now) {
        if (a.body() == null) { // cancelled or expired there: never run, nothing to record
            release(line);
            return blocking(() -> {
                rows.unsent(batch.id(), line.idx(), a.outcome());
                return null;
            }).mapEmpty();
        }
        closed.add(line.idx()); // the settle replaces its hold by its cost
        return sender.settle(new InnerRequests.Result(requestOf.apply(line), line.requestId(), handedOf(line),
                        a.status(), a.body(), now))
                .compose(reply -> blocking(() -> store.answer(batch.id(), line.idx(), reply.status() / 100 == 2
                        ? BatchStore.SUCCEEDED : BatchStore.ERRORED, reply.status(), reply.body().toString(),
                        reply.requestId())))
                .mapEmpty();
    }

    /** A handed request that will have no answer: its budget hold is released (once). */
    private void release(Batch.Line line) {
        if (!stopped && closed.add(line.idx())) {
            sender.release(requestOf.apply(line), handedOf(line)).onFailure(e -> LOG.warning("batch " + batch.id()
                    + ": the budget hold of a request could not be released: " + e.getMessage()));
        }
    }

    /** A provider batch is done with: requests of it without an answer end with the batch (holds released). */
    private void ended(String provider) {
        for (Batch.Line line : handed.values()) {
            if (provider.equals(line.handed().provider())) {
                release(line);
            }
        }
        if (--open == 0 && !stopped) {
            done.run();
        }
    }

    private static InnerRequests.Handed handedOf(Batch.Line l) {
        Batch.Handed h = l.handed();
        return new InnerRequests.Handed(h.provider(), h.upstreamModel(), h.alias(),
                h.body() == null ? Buffer.buffer() : Buffer.buffer(h.body()), h.heldNanos(), h.heldMs(), h.team());
    }
}
