package dev.freeport.batch;

import dev.freeport.front.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What both batch APIs do, over the store (on the module's workers) and the {@link Runner}: keep files, create a
 * batch and start it, read, list, cancel and delete batches. Everything is scoped to the key that asks (its id is
 * the owner): another key's batch or file does not exist for it.
 */
final class Batches {
    final BatchStore store;
    final Runner runner;
    final BatchSettings settings;
    final Clock clock;
    private final WorkerExecutor workers;

    Batches(BatchStore store, Runner runner, WorkerExecutor workers, BatchSettings settings, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.workers = workers;
        this.settings = settings;
        this.clock = clock;
    }

    <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** Stores a new batch of {@code lines} and starts running it. */
    Future<Batch> create(String owner, String api, String endpoint, String inputFileId, String metadata,
                         String dataClass, List<Batch.Line> lines) {
        long now = clock.millis();
        Batch b = new Batch(Ids.batch(api), owner, api, endpoint, Batch.IN_PROGRESS, inputFileId, null, null, now,
                now + settings.window().toMillis(), null, null, metadata, dataClass, Batch.Counts.NONE);
        return blocking(() -> {
            store.create(b, lines);
            return store.batch(b.id(), owner).orElseThrow();
        }).onSuccess(runner::start);
    }

    Future<Batch> get(String owner, String id, String what) {
        return blocking(() -> store.batch(id, owner).orElseThrow(() -> Requests.notFound(what, id)));
    }

    Future<List<Batch>> list(String owner, String api, String after, int limit) {
        return blocking(() -> store.list(owner, api, after, limit));
    }

    /** Cancels a running batch (a batch that already ended is returned as it is). */
    Future<Batch> cancel(String owner, String id, String what) {
        return blocking(() -> {
            Batch b = store.batch(id, owner).orElseThrow(() -> Requests.notFound(what, id));
            if (Batch.IN_PROGRESS.equals(b.status()) && store.cancel(id, owner, clock.millis())) {
                runner.cancelled(id);
                return store.batch(id, owner).orElseThrow(() -> Requests.notFound(what, id));
            }
            return b;
        });
    }

    /** Whose batches and files a call sees: its key's id (another key's do not exist for it). */
    static String owner(dev.freeport.front.QueryHandler.Call call) {
        return call.principal().keyId();
    }

    /** One row of a batch front's endpoint table: a query endpoint of {@code front} at {@code paths}. */
    static Endpoint query(dev.freeport.front.Front front, io.vertx.core.http.HttpMethod method, List<String> paths,
                          java.util.function.Function<dev.freeport.front.QueryHandler.Call,
                                  Future<dev.freeport.front.QueryHandler.Reply>> handler) {
        return new Endpoint.Query(front, method, paths, dev.freeport.front.QueryHandler.replying(handler));
    }

    /** Whether a batch of {@code api} may be written to a front's endpoint (what each API's batches run at). */
    static Endpoint endpoint(Batch b) {
        return Endpoints.of(b.endpoint());
    }
}
