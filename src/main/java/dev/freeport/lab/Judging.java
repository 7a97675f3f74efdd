package dev.freeport.lab;

import dev.freeport.route.DataClasses;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A judging run ({@code freeport migrate judge}): every (sample, candidate) pair of an alias that both answered and
 * has no verdict yet goes to the {@link Judge}, at most {@code concurrency} at once, until done or until the run's
 * judging cost reaches its budget. A verdict is stored the moment it arrives, so a run stopped at any point resumes
 * where it stopped. A pair the judge could not judge (a failed call, an unreadable verdict) is counted, not stored.
 */
public final class Judging {
    /** Progress after each pair: judged of total, failed, the run's judging cost, whether the budget stopped it. */
    public record Progress(int judged, int failed, int total, long costNanos, boolean budgetStop) {
    }

    private record Pair(LabSample sample, LabResult result) {
    }

    private final Vertx vertx;
    private final GatewayRuntime rt;
    private final LabStore store;
    private final String judge;
    private final int concurrency;
    private final long budgetNanos;
    private final Consumer<Progress> progress;
    private final Deque<Pair> pairs = new ArrayDeque<>();
    private final Promise<Progress> finished = Promise.promise();
    private int total;
    private int judged;
    private int failed;
    private int running;
    private long cost;
    private boolean stopped;

    public Judging(Vertx vertx, GatewayRuntime rt, LabStore store, String judge, int concurrency, long budgetNanos,
                   Consumer<Progress> progress) {
        this.vertx = vertx;
        this.rt = rt;
        this.store = store;
        this.judge = judge;
        this.concurrency = Math.max(1, concurrency);
        this.budgetNanos = budgetNanos <= 0 ? Long.MAX_VALUE : budgetNanos;
        this.progress = progress;
    }

    /** Judges the alias's unjudged pairs since {@code fromMillis} (blocking store reads first). */
    public Future<Progress> run(String alias, long fromMillis) {
        Map<String, LabSample> samples = new HashMap<>();
        store.samples(alias, fromMillis).forEach(s -> samples.put(s.id(), s));
        Set<String> done = new HashSet<>();
        store.verdicts(alias, 0).forEach(v -> done.add(v.sampleId() + "\n" + v.candidate()));
        for (LabResult r : store.results(alias, fromMillis)) {
            LabSample s = samples.get(r.sampleId());
            if (s != null && s.primary() != null && s.primary().ok() && r.answer().ok()
                    && !done.contains(r.sampleId() + "\n" + r.candidate())) {
                pairs.add(new Pair(s, r));
            }
        }
        total = pairs.size();
        vertx.runOnContext(v -> next());
        return finished.future();
    }

    private void next() {
        while (running < concurrency && !pairs.isEmpty() && !stopped) {
            if (cost >= budgetNanos) {
                stopped = true;
                break;
            }
            Pair p = pairs.poll();
            running++;
            Future<Verdict> verdict;
            try {
                verdict = Judge.judge(rt, judge, p.sample, p.result, rules(p.sample));
            } catch (RuntimeException e) {
                verdict = Future.failedFuture(e);
            }
            verdict.compose(v -> vertx.executeBlocking(() -> {
                store.putVerdict(v);
                return v;
            }, false)).onComplete(ar -> {
                running--;
                if (ar.succeeded()) {
                    judged++;
                    cost += ar.result().costNanos();
                } else {
                    failed++;
                }
                progress.accept(snapshot());
                next();
            });
        }
        if (running == 0 && (pairs.isEmpty() || stopped)) {
            finished.tryComplete(snapshot());
        }
    }

    /** The sample's data-class rules: the judge reads the request and both answers. */
    private RoutePlanner.Request rules(LabSample s) {
        DataClasses.Resolved dc = DataClasses.Resolved.NONE;
        if (s.dataClass() != null && !s.dataClass().isBlank()) {
            String[] names = s.dataClass().split("\\+");
            dc = rt.dataClasses().resolve(names[0], names.length > 1 ? names[1] : null);
        }
        return new RoutePlanner.Request(RoutePlanner.Needs.NONE, dc.label(), dc.refuses(), p -> null, null);
    }

    private Progress snapshot() {
        return new Progress(judged, failed, total, cost, stopped && !pairs.isEmpty());
    }

}
