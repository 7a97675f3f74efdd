package dev.freeport.lab;

import dev.freeport.config.FreeportConfig;
import dev.freeport.module.AdminAction;
import dev.freeport.module.AdminLog;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.AnswerTap;
import dev.freeport.module.Module;
import dev.freeport.module.RequestWatcher;
import dev.freeport.route.Canaries;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The migration lab as a {@link Module} (docs/MIGRATION.md): its store ({@link LabStore}: SQLite {@code lab.db} in
 * the ledger's data dir, or the shared PostgreSQL), shadow traffic and capture as the flow's taps ({@link Shadows},
 * {@link Captures}; captured requests past their retention purged hourly), and its admin endpoints under
 * {@code /admin/migrate}; and canaries ({@link CanaryBoard} over {@link CanaryStore}: a share of an alias routed
 * to a candidate alias on every replica, watched by {@link CanaryWatch}, which rolls a failing canary back and
 * appends that to the admin log; {@code /admin/migrate/canary}). The store's JDBC runs on the lab's own worker
 * threads.
 */
public final class LabModule implements Module {
    private static final Logger LOG = Logger.getLogger(LabModule.class.getName());
    /** Who an automatic rollback is recorded as. */
    static final String WATCHER = "canary watcher (automatic)";
    private final LabStore store;
    private final WorkerExecutor worker;
    private final Shadows shadows;
    private final Captures captures;
    private final LabAdmin admin;
    private final Vertx vertx;
    private final long purgeTimer;
    private final CanaryStore canaryStore;
    private final CanaryBoard canaries;
    private final CanaryWatch canaryWatch;
    private final CanaryAdmin canaryAdmin;
    private final AdminLog adminLog;

    private LabModule(Vertx vertx, LabStore store, CanaryStore canaryStore, FreeportConfig cfg, AdminLog adminLog,
                      Supplier<FreeportConfig> current) {
        this.store = store;
        this.worker = vertx.createSharedWorkerExecutor("freeport-lab", store.connections());
        this.shadows = new Shadows(store, worker, cfg);
        this.captures = new Captures(store, worker, java.time.Clock.systemUTC());
        this.admin = new LabAdmin(vertx, shadows, captures, store, cfg);
        this.vertx = vertx;
        this.adminLog = adminLog;
        this.canaryStore = canaryStore;
        this.canaries = new CanaryBoard(canaryStore, CanaryBoard.REFRESH_EVERY);
        this.canaryWatch = new CanaryWatch(canaries::running, canaries::anyRunning, worker, current, this::rollBack, System::currentTimeMillis);
        this.canaryAdmin = new CanaryAdmin(vertx, canaries, canaryWatch, current);
        // captured requests past their retention: a minute after start, then hourly
        this.purgeTimer = vertx.setPeriodic(60_000, 3_600_000, id -> captures.purge(cfg));
    }

    /** Opens the lab's store for this config (blocking: migrations run here); automatic rollbacks not logged. */
    public static LabModule open(Vertx vertx, FreeportConfig cfg) {
        return open(vertx, cfg, null);
    }

    /** As above; the canary watcher's automatic rollbacks are appended to {@code adminLog} (null: none kept). */
    public static LabModule open(Vertx vertx, FreeportConfig cfg, AdminLog adminLog) {
        return open(vertx, cfg, adminLog, () -> cfg);
    }

    /**
     * As above, with the running config ({@code current}: it follows reloads), which canaries are checked against
     * (their aliases, the targets the watcher tells apart).
     */
    public static LabModule open(Vertx vertx, FreeportConfig cfg, AdminLog adminLog, Supplier<FreeportConfig> current) {
        LabStore store = LabStore.open(cfg.store(), cfg.ledger().dataDir());
        CanaryStore canaryStore = null;
        try {
            canaryStore = CanaryStore.open(cfg.store(), cfg.ledger().dataDir());
            return new LabModule(vertx, store, canaryStore, cfg, adminLog, current);
        } catch (RuntimeException e) {
            if (canaryStore != null) {
                canaryStore.close();
            }
            store.close();
            throw e;
        }
    }

    /** The canary watcher found the canary failing: roll it back (once, on a worker) and log it as an admin action. */
    private void rollBack(CanaryState s, String finding) {
        worker.executeBlocking(() -> {
            Instant now = Instant.now();
            CanaryState[] before = new CanaryState[1];
            CanaryState after = canaries.change(s.alias(), cur -> {
                if (cur == null || !cur.running() || !cur.startedAt().equals(s.startedAt())) {
                    return null; // another replica or an operator got there first
                }
                before[0] = cur;
                return cur.with(cur.percent(), CanaryState.Status.ROLLED_BACK, finding, WATCHER, now);
            });
            if (before[0] != null) {
                LOG.warning("canary of " + s.alias() + " to " + s.candidate() + " rolled back: " + finding);
                if (adminLog != null) {
                    adminLog.append(new AdminAction(now.toEpochMilli(), WATCHER, "gateway", "POST",
                            CanaryAdmin.ROOT + "/" + s.alias() + "/rollback", 200,
                            canaryAdmin.json(before[0]).toString(),
                            canaryAdmin.json(after).toString(), null));
                }
            }
            return null;
        }, false).onFailure(e -> LOG.severe("canary of " + s.alias() + " could not be rolled back: "
                + e.getMessage() + " (" + finding + ")"));
    }

    /** The canaries in force on this replica. */
    public CanaryBoard canaryBoard() {
        return canaries;
    }

    @Override
    public Canaries canaries() {
        return canaries;
    }

    @Override
    public RequestWatcher watcher() {
        return canaryWatch;
    }

    /** The lab's store (shared with the CLI commands of one process, e.g. in tests). */
    public LabStore store() {
        return store;
    }

    @Override
    public List<AnswerTap> answerTaps() {
        return List.of(shadows, captures, canaryWatch);
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(canaryAdmin, admin);
    }

    @Override
    public void close() {
        vertx.cancelTimer(purgeTimer);
        canaries.close();
        worker.close();
        store.close();
        canaryStore.close();
    }
}
