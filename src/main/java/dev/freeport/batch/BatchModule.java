package dev.freeport.batch;

import dev.freeport.config.FreeportConfig;
import dev.freeport.front.Front;
import dev.freeport.module.InnerRequests;
import dev.freeport.module.Module;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.util.List;

/**
 * The batch APIs as a {@link Module} (docs/BATCH.md): OpenAI's Files and Batches on the OpenAI front's paths,
 * Anthropic's Message Batches on the Anthropic front's, over a batch store in the gateway's database (SQLite
 * {@code batches.db} in the ledger's data dir, or the shared PostgreSQL of {@code store:}), and a {@link Runner}
 * that sends each contained request through the gateway's flow as the batch's key, paced, once the gateway
 * attaches its flow; batches still running in the store resume then.
 */
public final class BatchModule implements Module {
    private final BatchStore store;
    private final WorkerExecutor workers;
    private final Runner runner;
    private final List<Front> fronts;

    private BatchModule(Vertx vertx, BatchStore store, BatchSettings settings, String scheme, Clock clock) {
        this.store = store;
        this.workers = vertx.createSharedWorkerExecutor("freeport-batch", Math.max(2, store.connections()));
        this.runner = new Runner(vertx, store, workers, settings, Batches::endpoint, clock);
        Batches batches = new Batches(store, runner, workers, settings, clock);
        this.fronts = List.of(new OpenAiBatchFront(batches), new AnthropicBatchFront(batches, scheme));
    }

    /** Opens the store the config names (blocking: migrations run here), paced by {@code batch:}. */
    public static BatchModule open(Vertx vertx, FreeportConfig cfg) {
        return open(vertx, cfg, new BatchSettings(cfg.batch().concurrency(), cfg.batch().requestsPerMinute(),
                BatchSettings.DEFAULT.window(), cfg.batch().pollInterval()), Clock.systemUTC());
    }

    /** With another pace than the config's (tests) and the clock batches are timed by. */
    public static BatchModule open(Vertx vertx, FreeportConfig cfg, dev.freeport.config.BatchConfig pace,
                                   Clock clock) {
        return open(vertx, cfg, new BatchSettings(pace.concurrency(), pace.requestsPerMinute(),
                BatchSettings.DEFAULT.window(), pace.pollInterval()), clock);
    }

    static BatchModule open(Vertx vertx, FreeportConfig cfg, BatchSettings settings, Clock clock) {
        BatchStore store = BatchStore.open(cfg.store(), cfg.ledger().dataDir());
        try {
            return new BatchModule(vertx, store, settings, cfg.server().tls() != null ? "https" : "http", clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * What requests handed to back ends' batch APIs hold of {@code subject}'s budget ("key:ID", "team:NAME"): charged
     * in [{@code from}, {@code until}), not released before {@code until}. Blocking (the limits' baseline reads it on
     * a worker).
     */
    public long heldNanos(String subject, java.time.Instant from, java.time.Instant until) {
        return new NativeRows(store).held(subject, from.toEpochMilli(), until.toEpochMilli());
    }

    @Override
    public List<Front> fronts() {
        return fronts;
    }

    @Override
    public void attach(InnerRequests requests) {
        runner.attach(requests);
    }

    @Override
    public void close() {
        try {
            runner.close();
            workers.close();
        } finally {
            store.close();
        }
    }
}
