package dev.freeport.lab;

import dev.freeport.config.CaptureConfig;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.RoutingConfig;
import dev.freeport.json.Json;
import dev.freeport.module.AnswerTap;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Capture: a sample of an alias's answered requests kept with their answers ({@code capture:} under the alias),
 * compressed in the {@link LabStore}, for {@code freeport replay --from captured}. Never a request of a data class
 * with {@code capture: false}, never one larger than {@code max_size}, never more than {@code max_total} per alias;
 * {@link #purge} deletes what is older than the retention. The write runs on the lab's worker; at most
 * {@value #MAX_PENDING} writes wait, more are not kept (counted): the request path never waits for the store.
 */
final class Captures implements AnswerTap {
    private static final Logger LOG = Logger.getLogger(Captures.class.getName());
    static final int MAX_PENDING = 256;

    private final LabStore store;
    private final WorkerExecutor worker;
    private final Clock clock;
    private final AtomicInteger pending = new AtomicInteger();
    /** per alias: kept, forbidden by a data class, too large, over the total cap, not kept (queue or store) */
    final Map<String, AtomicLong[]> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Configs configs = new Configs(null, Map.of(), Map.of());

    private record Configs(FreeportConfig of, Map<String, CaptureConfig> byAlias,
                           Map<String, RoutingConfig.DataClassConfig> classes) {
    }

    static final int KEPT = 0;
    static final int FORBIDDEN = 1;
    static final int TOO_LARGE = 2;
    static final int FULL = 3;
    static final int NOT_KEPT = 4;

    Captures(LabStore store, WorkerExecutor worker, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public void answered(GatewayRuntime runtime, String alias, Supplier<Answered> facts) {
        Configs c = configs(runtime.config());
        CaptureConfig cfg = alias == null ? null : c.byAlias.get(alias);
        if (cfg == null || ThreadLocalRandom.current().nextDouble() >= cfg.sample()) {
            return;
        }
        Answered a = facts.get();
        if (forbidden(c, a.routing().dataClass())) {
            count(alias, FORBIDDEN);
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            count(alias, NOT_KEPT);
            return;
        }
        worker.executeBlocking(() -> keep(alias, cfg, a), false).onComplete(ar -> {
            pending.decrementAndGet();
            count(alias, ar.succeeded() ? ar.result() : NOT_KEPT);
            if (ar.failed()) {
                LOG.warning("a captured request of " + alias + " was not kept: " + ar.cause().getMessage());
            }
        });
    }

    /** On the worker: the sample, unless too large or the alias's total is reached. */
    private int keep(String alias, CaptureConfig cfg, Answered a) {
        LabSample s = Shadows.sampleOf(alias, a, "capture");
        long size = Json.bytes(s.request()).length + (s.primary().body() == null ? 0
                : Json.bytes(s.primary().body()).length);
        if (size > cfg.maxSizeBytes()) {
            return TOO_LARGE;
        }
        if (store.count(alias, "capture") >= cfg.maxTotal()) {
            return FULL;
        }
        store.putSample(s);
        return KEPT;
    }

    private static boolean forbidden(Configs c, String dataClass) {
        if (dataClass == null) {
            return false;
        }
        for (String name : dataClass.split("\\+")) {
            RoutingConfig.DataClassConfig dc = c.classes.get(name);
            if (dc != null && !dc.capture()) {
                return true;
            }
        }
        return false;
    }

    /** Deletes captured requests past each alias's retention (the latest config seen, else {@code cfg}). */
    void purge(FreeportConfig cfg) {
        Configs seen = configs;
        Configs c = seen.of != null ? seen : configs(cfg);
        long now = clock.millis();
        c.byAlias.forEach((alias, cc) -> worker.executeBlocking(() -> store.purge(alias, "capture",
                now - cc.retention().toMillis()), false).onSuccess(n -> {
            if (n > 0) {
                LOG.fine(() -> "purged " + n + " captured requests of " + alias);
            }
        }).onFailure(e -> LOG.warning("purging captured requests of " + alias + " failed: " + e.getMessage())));
    }

    private void count(String alias, int what) {
        counts.computeIfAbsent(alias, k -> new AtomicLong[]{new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicLong()})[what].incrementAndGet();
    }

    private Configs configs(FreeportConfig cfg) {
        Configs current = configs;
        if (current.of != cfg) {
            Map<String, CaptureConfig> m = new HashMap<>();
            for (ModelConfig model : cfg.models()) {
                if (model.capture() != null) {
                    m.put(model.name(), model.capture());
                }
            }
            current = new Configs(cfg, Map.copyOf(m), cfg.routing() == null ? Map.of()
                    : cfg.routing().dataClasses());
            configs = current;
        }
        return current;
    }
}
