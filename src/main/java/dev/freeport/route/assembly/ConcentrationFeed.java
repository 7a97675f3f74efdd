package dev.freeport.route.assembly;

import dev.freeport.config.StoreConfig;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.ProviderTotals;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.ConcentrationTracker;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the concentration caps from the ledger. Embedded store (one process): the windows are filled once at start
 * from the ledger, then by this process's requests. Shared PostgreSQL ledger (many replicas): every
 * {@link #REFRESH_MILLIS} a worker loads each window's totals per provider from the database (one aggregate query
 * per window length), so every replica sees every replica's traffic.
 */
public final class ConcentrationFeed {
    private static final Logger LOG = Logger.getLogger(ConcentrationFeed.class.getName());
    static final long REFRESH_MILLIS = 2000;

    private final Ledger ledger;
    private final ConcentrationTracker tracker;
    private final Supplier<GatewayRuntime> runtime;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean warned;

    public ConcentrationFeed(Ledger ledger, ConcentrationTracker tracker, Supplier<GatewayRuntime> runtime) {
        this.ledger = ledger;
        this.tracker = tracker;
        this.runtime = runtime;
    }

    /** Blocking: fills the windows (embedded) or loads the first totals and starts refreshing (shared). */
    public void start(Vertx vertx, StoreConfig store) {
        if (store.kind() == StoreConfig.Kind.POSTGRES) {
            tracker.shareWith();
            refresh();
            vertx.setPeriodic(REFRESH_MILLIS, id -> {
                if (running.compareAndSet(false, true)) {
                    vertx.executeBlocking(() -> {
                        refresh();
                        return null;
                    }, false).onComplete(done -> running.set(false));
                }
            });
        } else {
            seed();
        }
    }

    /** Which vendor each configured provider belongs to. */
    private static Map<String, String> vendors(GatewayRuntime rt) {
        Map<String, String> vendorOf = new HashMap<>();
        rt.routes().values().forEach(r -> r.targets().forEach(t -> vendorOf.put(t.provider().name(),
                t.profile().vendor())));
        return vendorOf;
    }

    private void seed() {
        if (!tracker.enabled()) {
            return;
        }
        long longest = tracker.windows().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<String, String> vendorOf = vendors(runtime.get());
        try {
            for (UsageEvent e : ledger.since(Instant.now().minusMillis(longest))) {
                String vendor = e.provider() == null ? null : vendorOf.get(e.provider());
                if (vendor != null && (e.status() == UsageEvent.Status.OK || e.status() == UsageEvent.Status.CUT)) {
                    tracker.record(vendor, e.costNanos(), e.inputTokens() + e.outputTokens(), e.time().toEpochMilli());
                }
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "could not read the ledger for concentration caps; windows start empty", ex);
        }
    }

    void refresh() {
        if (!tracker.enabled()) {
            return;
        }
        Map<String, String> vendorOf = vendors(runtime.get());
        try {
            for (long window : tracker.windows()) {
                long asked = System.currentTimeMillis();
                Map<String, long[]> byVendor = new HashMap<>();
                for (ProviderTotals p : ledger.totalsSince(Instant.ofEpochMilli(asked - window))) {
                    String vendor = vendorOf.getOrDefault(p.provider(), p.provider().toLowerCase(Locale.ROOT));
                    long[] acc = byVendor.computeIfAbsent(vendor, k -> new long[3]);
                    acc[0] += p.requests();
                    acc[1] += p.costNanos();
                    acc[2] += p.tokens();
                }
                tracker.replaceBaseline(window, byVendor, asked);
            }
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                LOG.log(Level.WARNING, "could not refresh concentration totals from the shared ledger; keeping the"
                        + " last ones", e);
                warned = true;
            }
        }
    }
}
