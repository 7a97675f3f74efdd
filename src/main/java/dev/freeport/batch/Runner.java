package dev.freeport.batch;

import dev.freeport.front.Endpoint;
import dev.freeport.module.InnerRequests;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs batches as paced normal requests: each contained request goes through the gateway's flow as the batch's
 * key ({@link InnerRequests}: its aliases, rules, data class, guardrails, budgets and rate limits, one ledger event
 * tagged {@code batch:<id>}), at most {@code concurrency} at once and at most {@code requestsPerMinute} started per
 * minute, per batch. Each answer is stored the moment it arrives, and only over a request without one, so a batch
 * resumed after a restart sends only what has no answer (the requests in flight at a crash are sent again). A
 * request turned away for its rate (429 with Retry-After) waits and is sent again; any other error is its answer
 * (a budget that ran out ends every later request with the budget error, and the batch completes). Cancelling
 * stops new requests; the batch ends when those in flight have answered. All of a run's state lives on one Vert.x
 * context; store calls run on the module's workers.
 */
final class Runner {
    private static final Logger LOG = Logger.getLogger(Runner.class.getName());
    /** how often a run looks at its batch's status in the store (a cancel on another replica) */
    static final long STATUS_EVERY_MS = 1000;
    /** the longest wait for a rate-limited request before it is sent again */
    static final long MAX_RATE_WAIT_MS = 60_000;
    /** requests read from the store at a time */
    static final int PAGE = 500;
    /** how long a replica's lease on a batch lasts unless renewed (renewed every third of it while the run lives) */
    static final long LEASE_MS = 30_000;

    private final Vertx vertx;
    private final BatchStore store;
    private final WorkerExecutor workers;
    private final BatchSettings settings;
    private final Function<Batch, Endpoint> endpoints;
    private final Clock clock;
    private final Outputs outputs;
    private final NativeRows rows;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private volatile InnerRequests sender = InnerRequests.NONE;
    private volatile boolean closed;
    /** this process's name on the leases of the batches it runs */
    private final String owner = "replica-" + java.util.UUID.randomUUID();
    private long scanTimer = -1;

    Runner(Vertx vertx, BatchStore store, WorkerExecutor workers, BatchSettings settings,
           Function<Batch, Endpoint> endpoints, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.workers = workers;
        this.settings = settings;
        this.endpoints = endpoints;
        this.clock = clock;
        this.outputs = new Outputs(clock);
        this.rows = new NativeRows(store);
    }

    /** The flow to send through; resumes every batch the store has running (a restart). */
    void attach(InnerRequests requests) {
        this.sender = requests;
        if (requests == InnerRequests.NONE) { // the gateway stops: what is in flight is sent again at the next start
            runs.values().forEach(r -> r.context.runOnContext(v -> r.halt()));
            return;
        }
        scan();
        if (scanTimer < 0) { // batches another replica ran and stopped renewing (it died) are taken over
            scanTimer = vertx.setPeriodic(LEASE_MS, id -> scan());
        }
    }

    private void scan() {
        if (closed || sender == InnerRequests.NONE) {
            return;
        }
        blocking(store::running).onSuccess(batches -> batches.forEach(this::start))
                .onFailure(e -> LOG.log(Level.WARNING, "could not resume the running batches", e));
    }

    /** Starts running a batch (new or resumed), unless it already runs here. */
    void start(Batch b) {
        if (closed || sender == InnerRequests.NONE || runs.containsKey(b.id())) {
            return;
        }
        long now = System.currentTimeMillis();
        blocking(() -> rows.claim(b.id(), owner, now, now + LEASE_MS)).onSuccess(claimed -> {
            if (claimed && !closed) { // else another replica holds the lease: it runs the batch
                runs.computeIfAbsent(b.id(), id -> {
                    Run run = new Run(b);
                    run.context.runOnContext(v -> run.load());
                    return run;
                });
            }
        }).onFailure(e -> LOG.warning("batch " + b.id() + ": its lease could not be claimed: " + e.getMessage()));
    }

    /** Tells the batch's run here (if any) that it was cancelled. */
    void cancelled(String batchId) {
        Run run = runs.get(batchId);
        if (run != null) {
            run.context.runOnContext(v -> run.stop(Batch.CANCELLED, BatchStore.CANCELED));
        }
    }

    /** Whether a batch runs in this process (for tests and the status of a batch). */
    boolean running(String batchId) {
        return runs.containsKey(batchId);
    }

    void close() {
        closed = true;
        sender = InnerRequests.NONE;
        if (scanTimer >= 0) {
            vertx.cancelTimer(scanTimer);
        }
        for (Run r : runs.values()) {
            try { // given up at once, so that a replica (or this one restarted) resumes without waiting it out
                rows.release(r.batch.id(), owner);
            } catch (RuntimeException e) {
                LOG.warning("batch " + r.batch.id() + ": its lease was not released (it runs out): " + e.getMessage());
            }
            try {
                r.context.runOnContext(v -> r.halt());
            } catch (RuntimeException e) {
                // Vert.x already closed: its timers are gone with it
            }
        }
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** One batch's run: its queue of requests without an answer, what is in flight, the pace. */
    private final class Run {
        final Batch batch;
        final Context context = vertx.getOrCreateContext();
        final Deque<Batch.Line> queue = new ArrayDeque<>();
        int inFlight;
        /** the position of the last request read from the store; whether every one has been read; a read running */
        int cursor = -1;
        boolean exhausted;
        boolean loading;
        long nextStartMs;
        /** what the batch ends as once nothing is in flight (null: run until the queue is empty) */
        String endAs;
        String restOutcome;
        boolean halted;
        boolean finishing;
        long statusTimer = -1;
        long paceTimer = -1;
        NativeRun nativeRun;
        long leaseRenewAt = System.currentTimeMillis() + LEASE_MS / 3;

        Run(Batch batch) {
            this.batch = batch;
        }

        void load() {
            statusTimer = vertx.setPeriodic(STATUS_EVERY_MS, id -> context.runOnContext(x -> checkStatus()));
            if (Batch.CANCELLING.equals(batch.status())) {
                exhausted = true;
                stop(Batch.CANCELLED, BatchStore.CANCELED);
            } else {
                pump();
            }
        }

        /** The next page of requests without an answer (a batch's requests are not all held in memory). */
        void loadPage() {
            loading = true;
            blocking(() -> store.lines(batch.id(), true, cursor, PAGE)).onComplete(ar -> context.runOnContext(v -> {
                loading = false;
                if (ar.failed()) {
                    LOG.log(Level.WARNING, "batch " + batch.id() + ": could not read its requests (it resumes at the"
                            + " next start)", ar.cause());
                    halt();
                    runs.remove(batch.id());
                    return;
                }
                List<Batch.Line> page = ar.result();
                exhausted = endAs != null || page.size() < PAGE;
                if (!page.isEmpty()) {
                    cursor = page.getLast().idx();
                }
                if (endAs == null) {
                    page.stream().filter(l -> l.request() != null && l.handed() == null).forEach(queue::add);
                }
                pump();
            }));
        }

        void checkStatus() {
            long now = System.currentTimeMillis();
            if (now >= leaseRenewAt) {
                leaseRenewAt = now + LEASE_MS / 3;
                blocking(() -> rows.claim(batch.id(), owner, now, now + LEASE_MS)).onSuccess(held -> {
                    if (!held) { // another replica took it over (this one stalled past its lease)
                        context.runOnContext(v -> halt());
                        runs.remove(batch.id());
                    }
                });
            }
            if (clock.millis() >= batch.expiresMs()) {
                stop(Batch.EXPIRED, BatchStore.EXPIRED);
                return;
            }
            blocking(() -> store.batch(batch.id(), batch.owner())).onSuccess(b -> {
                if (b.isEmpty()) {
                    stop(Batch.CANCELLED, BatchStore.CANCELED); // deleted meanwhile
                } else if (Batch.CANCELLING.equals(b.get().status())) {
                    stop(Batch.CANCELLED, BatchStore.CANCELED);
                }
            });
        }

        void stop(String status, String outcome) {
            if (nativeRun != null && Batch.CANCELLED.equals(status)) {
                nativeRun.cancel();
            }
            if (endAs == null) {
                endAs = status;
                restOutcome = outcome;
                queue.clear();
                exhausted = true; // the rest gets the outcome when the batch finishes
            }
            pump();
        }

        void halt() {
            halted = true;
            if (nativeRun != null) {
                nativeRun.stop();
            }
            queue.clear();
            cancelTimers();
        }

        void pump() {
            if (halted || finishing || sender == InnerRequests.NONE) {
                return;
            }
            if (!exhausted && !loading && queue.size() < PAGE / 2) {
                loadPage();
            }
            while (inFlight < settings.concurrency() && !queue.isEmpty()) {
                long now = clock.millis();
                if (now < nextStartMs) {
                    if (paceTimer < 0) {
                        paceTimer = vertx.setTimer(nextStartMs - now, id -> context.runOnContext(v -> {
                            paceTimer = -1;
                            pump();
                        }));
                    }
                    return;
                }
                nextStartMs = now + settings.intervalMs();
                send(queue.poll());
            }
            if (inFlight == 0 && queue.isEmpty() && exhausted && !loading) {
                finish();
            }
        }

        /** A contained request as the batch's key sends it (the flow hands it over when its route has a batch API). */
        InnerRequests.Request request(Batch.Line line) {
            return new InnerRequests.Request(batch.owner(), endpoints.apply(batch),
                    io.vertx.core.buffer.Buffer.buffer(line.request()), batch.dataClass() == null ? Map.of()
                    : Map.of("x-freeport-data-class", batch.dataClass()), "batch:" + batch.id(), true);
        }

        void send(Batch.Line line) {
            inFlight++;
            InnerRequests.Request request = request(line);
            Future<InnerRequests.Reply> sent;
            try {
                sent = sender.send(request);
            } catch (RuntimeException e) {
                sent = Future.failedFuture(e);
            }
            sent.onComplete(ar -> context.runOnContext(v -> answered(line, ar.succeeded() ? ar.result() : null,
                    ar.cause())));
        }

        void answered(Batch.Line line, InnerRequests.Reply reply, Throwable failure) {
            if (halted || sender == InnerRequests.NONE) {
                return;
            }
            if (reply != null && reply.status() == 429 && reply.retryAfter() != null && endAs == null) {
                inFlight--;
                long wait = Math.min(MAX_RATE_WAIT_MS, seconds(reply.retryAfter()) * 1000);
                nextStartMs = Math.max(nextStartMs, clock.millis() + wait);
                queue.addFirst(line);
                pump();
                return;
            }
            if (reply != null && reply.handed() != null) {
                handOver(line, reply);
                return;
            }
            int status = reply == null ? 500 : reply.status();
            String body = reply == null ? Outputs.errorJson(batch.api(), "The request could not be run: "
                    + failure.getMessage()) : reply.body().toString();
            String outcome = status / 100 == 2 ? BatchStore.SUCCEEDED : BatchStore.ERRORED;
            String requestId = reply == null ? null : reply.requestId();
            blocking(() -> store.answer(batch.id(), line.idx(), outcome, status, body, requestId)).onComplete(kept ->
                    context.runOnContext(v -> {
                        inFlight--;
                        if (kept.failed()) {
                            LOG.warning("batch " + batch.id() + ": an answer was not stored (the request is sent"
                                    + " again when the batch resumes): " + kept.cause().getMessage());
                        }
                        pump();
                    }));
        }

        /**
         * Stores where the flow handed the request; handing over is not paced (nothing was sent). The flow charged
         * its hold to the budgets already: when the store cannot keep the row, the hold is given back, since nothing
         * else would (a restart counts only stored holds).
         */
        void handOver(Batch.Line line, InnerRequests.Reply reply) {
            InnerRequests.Handed h = reply.handed();
            Batch.Handed handed = new Batch.Handed(h.provider(), h.upstreamModel(), h.alias(), h.body().toString(),
                    h.heldNanos(), h.heldAtMs(), h.team());
            nextStartMs = Math.min(nextStartMs, clock.millis());
            blocking(() -> {
                rows.hand(batch.id(), line.idx(), reply.requestId(), batch.owner(), handed);
                return null;
            }).onComplete(kept -> context.runOnContext(v -> {
                inFlight--;
                if (kept.failed()) { // the hold and its stored row go together: without the row, no hold
                    LOG.warning("batch " + batch.id() + ": a handed request was not stored (its budget hold is given"
                            + " back; it is routed again when the batch resumes): " + kept.cause().getMessage());
                    sender.release(request(line), h).onFailure(e -> LOG.warning("batch " + batch.id()
                            + ": the budget hold of a request could not be released: " + e.getMessage()));
                }
                pump();
            }));
        }

        /** The requests handed to batch APIs, once every request was routed; then the batch's end. */
        void finish() {
            if (nativeRun == null) {
                finishing = true;
                nativeRun = new NativeRun(vertx, context, batch, store, sender, settings.pollInterval(),
                        work -> blocking(work::call), this::request, () -> context.runOnContext(v -> end()));
                nativeRun.start(Batch.CANCELLED.equals(endAs) || Batch.CANCELLING.equals(batch.status()));
                return;
            }
            end();
        }

        void end() {
            finishing = true;
            cancelTimers();
            String status = endAs == null ? Batch.COMPLETED : endAs;
            String rest = restOutcome == null ? BatchStore.ERRORED : restOutcome;
            blocking(() -> {
                outputs.finish(store, batch, status, rest);
                rows.release(batch.id(), owner);
                return null;
            }).onComplete(ar -> {
                runs.remove(batch.id());
                if (ar.failed()) {
                    LOG.log(Level.WARNING, "batch " + batch.id() + ": could not be finished (it resumes at the"
                            + " next start)", ar.cause());
                }
            });
        }

        void cancelTimers() {
            if (statusTimer >= 0) {
                vertx.cancelTimer(statusTimer);
                statusTimer = -1;
            }
            if (paceTimer >= 0) {
                vertx.cancelTimer(paceTimer);
                paceTimer = -1;
            }
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, (long) Math.ceil(Double.parseDouble(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
