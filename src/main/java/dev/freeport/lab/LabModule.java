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
 * the ledger's data dir, or the shared PostgreSQL), shadow traffic as the flow's tap ({@link Shadows}), and its
 * admin endpoints under {@code /admin/migrate}. The store's JDBC runs on the lab's own worker threads.
 */
public final class LabModule implements Module {
    private final LabStore store;
    private final WorkerExecutor worker;
    private final Shadows shadows;
    private final LabAdmin admin;

    private LabModule(Vertx vertx, LabStore store, FreeportConfig cfg) {
        this.store = store;
        this.worker = vertx.createSharedWorkerExecutor("freeport-lab", store.connections());
        this.shadows = new Shadows(store, worker, cfg);
        this.admin = new LabAdmin(vertx, shadows, store, cfg);
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
        return List.of(shadows);
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(admin);
    }

    @Override
    public void close() {
        worker.close();
        store.close();
    }
}
