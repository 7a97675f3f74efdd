package dev.freeport.lab;

import dev.freeport.config.FreeportConfig;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.AnswerTap;
import dev.freeport.module.Module;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.List;

/**
 * The migration lab as a {@link Module} (docs/MIGRATION.md): its store ({@link LabStore}: SQLite {@code lab.db} in
 * the ledger's data dir, or the shared PostgreSQL), shadow traffic and capture as the flow's taps ({@link Shadows},
 * {@link Captures}; captured requests past their retention purged hourly), and its admin endpoints under
 * {@code /admin/migrate}. The store's JDBC runs on the lab's own worker threads.
 */
public final class LabModule implements Module {
    private final LabStore store;
    private final WorkerExecutor worker;
    private final Shadows shadows;
    private final Captures captures;
    private final LabAdmin admin;
    private final Vertx vertx;
    private final long purgeTimer;

    private LabModule(Vertx vertx, LabStore store, FreeportConfig cfg) {
        this.store = store;
        this.worker = vertx.createSharedWorkerExecutor("freeport-lab", store.connections());
        this.shadows = new Shadows(store, worker, cfg);
        this.captures = new Captures(store, worker, java.time.Clock.systemUTC());
        this.admin = new LabAdmin(vertx, shadows, captures, store, cfg);
        this.vertx = vertx;
        // captured requests past their retention: a minute after start, then hourly
        this.purgeTimer = vertx.setPeriodic(60_000, 3_600_000, id -> captures.purge(cfg));
    }

    /** Opens the lab's store for this config (blocking: migrations run here). */
    public static LabModule open(Vertx vertx, FreeportConfig cfg) {
        LabStore store = LabStore.open(cfg.store(), cfg.ledger().dataDir());
        try {
            return new LabModule(vertx, store, cfg);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The lab's store (shared with the CLI commands of one process, e.g. in tests). */
    public LabStore store() {
        return store;
    }

    @Override
    public List<AnswerTap> answerTaps() {
        return List.of(shadows, captures);
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(admin);
    }

    @Override
    public void close() {
        vertx.cancelTimer(purgeTimer);
        worker.close();
        store.close();
    }
}
