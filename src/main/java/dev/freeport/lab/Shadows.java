package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.ChatRequest;
import dev.freeport.api.Usage;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ShadowConfig;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.AnswerTap;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shadow traffic: after a request of an alias with {@code shadow:} was answered in full, a sample of them goes to
 * each candidate alias (a {@link ShadowCall} each), and the primary's answer and the candidates' are kept side by
 * side in the {@link LabStore}. The primary is never touched: this runs after its last byte, returns at once on the
 * event loop, and only a bounded number of sampled requests wait ({@link ShadowLane}); the rest are dropped and
 * counted. Shadow requests are paid from the alias's shadow budget ({@link ShadowBudget}), never the caller's.
 */
final class Shadows implements AnswerTap {
    private static final Logger LOG = Logger.getLogger(Shadows.class.getName());

    private final LabStore store;
    private final WorkerExecutor worker;
    private final ShadowBudget budget;
    private final Map<String, ShadowLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, ShadowCounts> counts = new ConcurrentHashMap<>();
    private volatile Configs configs = new Configs(null, Map.of());

    /** The shadow sections of one config, by alias. */
    private record Configs(FreeportConfig of, Map<String, ShadowConfig> byAlias) {
    }

    /** Over {@code store}, whose JDBC runs on {@code worker}; the budgets of {@code initial}'s aliases are read now. */
    Shadows(LabStore store, WorkerExecutor worker, FreeportConfig initial) {
        this.store = store;
        this.worker = worker;
        this.budget = new ShadowBudget((alias, start) -> worker.executeBlocking(
                () -> store.shadowSpentSince(alias, start), false)
                .onSuccess(sum -> budget().loaded(alias, start, sum))
                .onFailure(e -> LOG.warning("shadow budget of " + alias + " could not be read; no shadow traffic"
                        + " for it this period: " + e.getMessage())));
        long now = System.currentTimeMillis();
        for (ModelConfig m : initial.models()) {
            if (m.shadow() != null) {
                budget.seed(m.name(), m.shadow(), now, start -> store.shadowSpentSince(m.name(), start));
            }
        }
    }

    private ShadowBudget budget() {
        return budget;
    }

    @Override
    public void answered(GatewayRuntime runtime, String alias, Supplier<Answered> facts) {
        ShadowConfig cfg = configFor(runtime.config(), alias);
        if (cfg == null || ThreadLocalRandom.current().nextDouble() >= cfg.sample()) {
            return;
        }
        ShadowCounts c = counts(alias);
        c.sampled.incrementAndGet();
        if (!budget.allows(alias, cfg, System.currentTimeMillis())) {
            c.overBudget.incrementAndGet();
            return;
        }
        Answered a = facts.get();
        ShadowLane lane = lanes.computeIfAbsent(alias, k -> new ShadowLane());
        Runnable job = () -> run(alias, cfg, a, lane);
        switch (lane.offer(job, cfg.maxConcurrency(), cfg.queue())) {
            case RUN -> job.run();
            case QUEUED -> { }
            case DROPPED -> c.dropped.incrementAndGet();
        }
    }

    /** Shadows one answered request to every candidate, then starts the lane's next waiting request. */
    private void run(String alias, ShadowConfig cfg, Answered a, ShadowLane lane) {
        ShadowCounts c = counts(alias);
        List<Future<?>> all = new ArrayList<>(cfg.targets().size() + 1);
        all.add(worker.executeBlocking(() -> store.putSample(sampleOf(alias, a, "shadow")), false));
        for (String candidate : cfg.targets()) {
            if (!budget.allows(alias, cfg, System.currentTimeMillis())) {
                c.overBudget.incrementAndGet();
                continue;
            }
            Future<LabAnswer> answer;
            try {
                answer = ShadowCall.send(a, candidate);
            } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
            }
            all.add(answer.recover(e -> Future.succeededFuture(new LabAnswer(null, null, LabAnswer.FAILED,
                    String.valueOf(e.getMessage()), 0, 0, 0, 0, null, null, null))).compose(r -> {
                long now = System.currentTimeMillis();
                switch (r.status()) {
                    case LabAnswer.REFUSED -> c.refused.incrementAndGet();
                    case LabAnswer.FAILED -> c.failed.incrementAndGet();
                    default -> { }
                }
                if (!LabAnswer.REFUSED.equals(r.status())) {
                    c.sent.incrementAndGet();
                    budget.charge(alias, cfg, now, r.costNanos());
                    record(a, candidate, r);
                }
                LabResult result = new LabResult(a.event().id(), alias, candidate, "shadow", now, r);
                return worker.executeBlocking(() -> store.putResult(result), false);
            }));
        }
        Future.join(all).onComplete(done -> {
            if (done.failed()) {
                c.notKept.incrementAndGet();
                LOG.log(Level.WARNING, "shadow results of request " + a.event().id() + " were not all kept",
                        done.cause());
            }
            Runnable next = lane.finished();
            if (next != null) {
                next.run();
            }
        });
    }

    /** The shadow request's own ledger event: endpoint "shadow", caller "shadow", the candidate as its alias. */
    private static void record(Answered a, String candidate, LabAnswer r) {
        boolean ok = r.ok();
        UsageEvent event = UsageEvent.builder(ShadowCall.newId(), java.time.Instant.now())
                .caller("shadow")
                .endpoint("shadow")
                .alias(candidate)
                .target(r.provider(), r.model())
                .attempts(1)
                .outcome(ok ? UsageEvent.Status.OK : UsageEvent.Status.FAILED, ok ? 200 : 502,
                        ok ? null : "shadow_failed", ok ? null : r.error())
                .usage(new Usage(r.inputTokens(), r.outputTokens(), 0, 0, 0, false))
                .costNanos(r.costNanos())
                .latency(r.latencyMillis(), r.ttftMillis())
                .build();
        try {
            a.ledger().record(event);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not journal a shadow request of " + a.event().id(), e);
        }
    }

    /** The primary's side of a sample (runs on a worker: the answer's tree may be parsed here). */
    static LabSample sampleOf(String alias, Answered a, String source) {
        UsageEvent e = a.event();
        ObjectNode body = a.result() != null ? a.result().body() : ShadowCall.completion(a.streamed(),
                e.facts().finishReason());
        LabAnswer primary = new LabAnswer(e.provider(), e.upstreamModel(), LabAnswer.OK, null, e.inputTokens(),
                e.outputTokens(), e.costNanos(), e.latencyMillis(), e.ttftMillis(), e.facts().finishReason(), body);
        ChatRequest q = a.request();
        return new LabSample(e.id(), alias, source, e.time().toEpochMilli(), e.caller(), a.principal().team(),
                a.routing().dataClass(), q.body(), primary, a.principal().tags().isEmpty() ? null
                : String.join(",", a.principal().tags()));
    }

    private ShadowConfig configFor(FreeportConfig cfg, String alias) {
        Configs current = configs;
        if (current.of != cfg) {
            Map<String, ShadowConfig> m = new HashMap<>();
            for (ModelConfig model : cfg.models()) {
                if (model.shadow() != null) {
                    m.put(model.name(), model.shadow());
                }
            }
            current = new Configs(cfg, Map.copyOf(m));
            configs = current;
        }
        return alias == null ? null : current.byAlias.get(alias);
    }

    private ShadowCounts counts(String alias) {
        return counts.computeIfAbsent(alias, k -> new ShadowCounts());
    }

    /** The counts of every alias that was sampled, with its lane and this period's spend. */
    Map<String, ShadowCounts.Snapshot> snapshot() {
        Map<String, ShadowCounts.Snapshot> out = new java.util.TreeMap<>();
        long now = System.currentTimeMillis();
        Map<String, ShadowConfig> byAlias = configs.byAlias;
        counts.forEach((alias, c) -> {
            ShadowLane lane = lanes.get(alias);
            ShadowConfig sc = byAlias.get(alias);
            out.put(alias, c.snapshot(lane == null ? 0 : lane.running(), lane == null ? 0 : lane.waiting(),
                    sc == null ? 0 : budget.spent(alias, sc, now)));
        });
        return out;
    }
}
