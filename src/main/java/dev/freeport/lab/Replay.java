package dev.freeport.lab;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.RequestTraits;
import dev.freeport.dialect.openai.ChatDecoder;
import dev.freeport.json.Json;
import dev.freeport.route.DataClasses;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A replay: an alias's samples (captured, shadowed or imported) sent to candidate aliases through a runtime built
 * from the config, at most {@code concurrency} at once, until done or until the run's cost reaches its budget. Each
 * answer is stored the moment it arrives ({@link LabStore#putResult}, one row per sample and candidate), and a run
 * starts by leaving out every (sample, candidate) that already has a row: a replay killed at any point (even
 * {@code kill -9}) resumes without sending again anything that was answered; only the requests in flight at the
 * kill are sent again. An imported sample's incumbent answer comes from replaying the alias itself.
 * Store calls are blocking: the engine runs them on Vert.x worker threads.
 */
public final class Replay {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Replay.class.getName());

    /**
     * Progress after each answer: done of total, the run's cost so far, whether the budget stopped it, answers the
     * store did not take (sent again by the next run).
     */
    public record Progress(int done, int total, long costNanos, boolean budgetStop, long elapsedMillis,
                           int notKept) {
    }

    private record Job(LabSample sample, String candidate) {
    }

    private final Vertx vertx;
    private final GatewayRuntime rt;
    private final LabStore store;
    private final String alias;
    private final int concurrency;
    private final long budgetNanos;
    private final Consumer<Progress> progress;
    private final Deque<Job> jobs = new ArrayDeque<>();
    private final Promise<Progress> finished = Promise.promise();
    private int total;
    private int done;
    private int running;
    private int notKept;
    private long cost;
    private boolean stopped;
    private long started;

    public Replay(Vertx vertx, GatewayRuntime rt, LabStore store, String alias, int concurrency, long budgetNanos,
                  Consumer<Progress> progress) {
        this.vertx = vertx;
        this.rt = rt;
        this.store = store;
        this.alias = alias;
        this.concurrency = Math.max(1, concurrency);
        this.budgetNanos = budgetNanos <= 0 ? Long.MAX_VALUE : budgetNanos;
        this.progress = progress;
    }

    /** Replays {@code samples} to {@code candidates}; completes with the last progress. Blocking store reads first. */
    public Future<Progress> run(List<LabSample> samples, List<String> candidates) {
        List<Job> todo = new ArrayList<>();
        for (LabSample s : samples) {
            java.util.Set<String> answered = store.answered(s.id());
            if (s.primary() == null) {
                todo.add(new Job(s, alias)); // the incumbent's own answer to an imported request
            }
            for (String c : candidates) {
                if (!answered.contains(c)) {
                    todo.add(new Job(s, c));
                }
            }
        }
        jobs.addAll(todo);
        total = todo.size();
        started = System.nanoTime();
        vertx.runOnContext(v -> next());
        return finished.future();
    }

    private void next() {
        while (running < concurrency && !jobs.isEmpty() && !stopped) {
            if (cost >= budgetNanos) {
                stopped = true;
                break;
            }
            Job job = jobs.poll();
            running++;
            send(job).onComplete(ar -> {
                LabAnswer a = ar.succeeded() ? ar.result() : new LabAnswer(null, null, LabAnswer.FAILED,
                        String.valueOf(ar.cause().getMessage()), 0, 0, 0, 0, null, null, null);
                cost += a.costNanos();
                // a job runs until its answer is stored: the run ends only when every answer is in the store
                vertx.executeBlocking(() -> keep(job, a), false).onComplete(kept -> {
                    running--;
                    done++;
                    if (kept.failed()) {
                        notKept++;
                        LOG.warning("a replay answer was not stored (it will be sent again on the next run): "
                                + kept.cause().getMessage());
                    }
                    progress.accept(snapshot());
                    next();
                });
            });
        }
        if (running == 0 && (jobs.isEmpty() || stopped)) {
            finished.tryComplete(snapshot());
        }
    }

    private boolean keep(Job job, LabAnswer a) {
        if (job.candidate.equals(alias) && job.sample.primary() == null) {
            return store.setPrimary(job.sample.id(), a);
        }
        return store.putResult(new LabResult(job.sample.id(), alias, job.candidate, "replay",
                System.currentTimeMillis(), a));
    }

    private Future<LabAnswer> send(Job job) {
        ChatRequest request;
        RoutePlanner.Request rules;
        try {
            request = ChatDecoder.decodeChat(Buffer.buffer(Json.bytes(job.sample.request())));
            rules = rules(job.sample, request);
        } catch (RuntimeException e) {
            return Future.succeededFuture(new LabAnswer(null, null, LabAnswer.FAILED, "not replayable: "
                    + e.getMessage(), 0, 0, 0, 0, null, null, null));
        }
        return ShadowCall.send(rt, request, rules, job.candidate);
    }

    /** The sample's data class rules, as the request was routed under (no caller rules: the key is not known here). */
    private RoutePlanner.Request rules(LabSample s, ChatRequest request) {
        DataClasses.Resolved dc = DataClasses.Resolved.NONE;
        if (s.dataClass() != null && !s.dataClass().isBlank()) {
            String[] names = s.dataClass().split("\\+");
            dc = rt.dataClasses().resolve(names[0], names.length > 1 ? names[1] : null);
        }
        RequestTraits t = request.traits();
        RoutePlanner.Needs needs = new RoutePlanner.Needs(t.promptChars() / 4, request.maxOutputTokens() == null ? 0
                : request.maxOutputTokens(), t.tools(), t.vision(), t.jsonOutput(), t.reasoning(), false,
                t.nativeOnly());
        return new RoutePlanner.Request(needs, dc.label(), dc.refuses(), p -> null, null);
    }

    private Progress snapshot() {
        return new Progress(done, total, cost, stopped && !jobs.isEmpty(),
                (System.nanoTime() - started) / 1_000_000, notKept);
    }
}
