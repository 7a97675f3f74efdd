package dev.freeport.front.responses;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ResponsesConfig;
import dev.freeport.front.Front;
import dev.freeport.module.Module;
import dev.freeport.responses.JdbcResponseStore;
import dev.freeport.responses.ResponseStore;
import dev.freeport.responses.ResponseStoreSettings;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The Responses API as a {@link Module}: the response store per config ({@code responses:}; SQLite
 * {@code responses.db} in the ledger's data dir, or the shared PostgreSQL of {@code store:}) with its own worker
 * threads, one per connection; its purge of expired entries (a minute after start, then hourly); and the
 * {@link ResponsesFront} over it. Open once per
 * gateway; closed with it.
 */
public final class ResponsesModule implements Module {
    private static final Logger LOG = Logger.getLogger(ResponsesModule.class.getName());
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    static final Duration FIRST_PURGE = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final ResponseStore store;
    private final WorkerExecutor workers;
    private final ResponsesFront front;
    private final long purgeTimer;

    private ResponsesModule(Vertx vertx, ResponseStore store, int threads, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.workers = store == null ? null : vertx.createSharedWorkerExecutor("freeport-responses", threads);
        KeptResponses kept = new KeptResponses(vertx, store, workers);
        this.front = new ResponsesFront(vertx, kept, clock);
        this.purgeTimer = store == null ? -1 : vertx.setPeriodic(FIRST_PURGE.toMillis(), PURGE_EVERY.toMillis(),
                id -> kept.purge().onSuccess(n -> {
                    if (n > 0) {
                        LOG.fine(() -> "purged " + n + " expired responses");
                    }
                }).onFailure(e -> LOG.warning("purging expired responses failed: " + e.getMessage())));
    }

    /** Opens the store the config names (blocking: migrations run here), or none with {@code responses.store: false}. */
    public static ResponsesModule open(Vertx vertx, FreeportConfig cfg) {
        ResponsesConfig rc = cfg.responses();
        if (!rc.store()) {
            return open(vertx, null, Clock.systemUTC());
        }
        ResponseStoreSettings settings = new ResponseStoreSettings(rc.retention(), (int) rc.maxEntryBytes());
        JdbcResponseStore store = JdbcResponseStore.open(cfg.store(), cfg.ledger().dataDir(), settings);
        return open(vertx, store, store.connections(), Clock.systemUTC());
    }

    /** With a given store (owned from here on; null keeps nothing) and clock (created_at of responses). */
    public static ResponsesModule open(Vertx vertx, ResponseStore store, Clock clock) {
        return open(vertx, store, 1, clock);
    }

    /** {@code threads}: the store's worker threads, as many as it has connections. */
    private static ResponsesModule open(Vertx vertx, ResponseStore store, int threads, Clock clock) {
        try {
            return new ResponsesModule(vertx, store, threads, clock);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    @Override
    public List<Front> fronts() {
        return List.of(front);
    }

    public ResponsesFront front() {
        return front;
    }

    @Override
    public void close() {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
        if (workers != null) {
            workers.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
