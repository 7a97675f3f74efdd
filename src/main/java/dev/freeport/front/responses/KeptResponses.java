package dev.freeport.front.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.responses.ResponseStore;
import dev.freeport.responses.StoredResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response store as the event loop uses it: every call runs on the store's own worker threads (JDBC blocks; as
 * many as the store has connections, so a flood of writes neither starves Vert.x's shared worker pool nor parks
 * threads waiting for a connection) and its future completes back on the caller's context. With
 * {@code responses.store: false} there is no store: nothing is kept and every lookup finds nothing.
 *
 * <p>A response is written after its answer went out, so a client may name it (previous_response_id, GET) before
 * the write landed. Writes in progress are held by id, and a lookup of that id waits for the write first: on this
 * replica a response is readable as soon as its answer was sent. (Another replica sharing a PostgreSQL store sees
 * it once the write commits, a few milliseconds later.) At most {@value #MAX_WRITES} writes wait at a time; past
 * that a response is answered but not kept (logged, counted), so a store slower than the traffic cannot grow the
 * heap without bound.
 */
final class KeptResponses {
    private static final Logger LOG = Logger.getLogger(KeptResponses.class.getName());
    static final int MAX_WRITES = 10_000;

    private final Vertx vertx;
    private final ResponseStore store;
    private final WorkerExecutor workers;
    private final int maxWrites;
    private final AtomicLong notKept = new AtomicLong();
    /** writes in progress, by response id */
    private final Map<String, Future<Void>> writing = new ConcurrentHashMap<>();

    /**
     * @param store   null when responses are not kept
     * @param workers the threads store calls run on (null without a store)
     */
    KeptResponses(Vertx vertx, ResponseStore store, WorkerExecutor workers) {
        this(vertx, store, workers, MAX_WRITES);
    }

    KeptResponses(Vertx vertx, ResponseStore store, WorkerExecutor workers, int maxWrites) {
        this.vertx = vertx;
        this.store = store;
        this.workers = workers;
        this.maxWrites = maxWrites;
    }

    Future<Optional<ArrayNode>> conversation(String id, String owner) {
        return conversation(id, owner, history -> history);
    }

    /**
     * The conversation of {@code id} turned into what the caller needs by {@code then}, which also runs on the
     * worker (re-translating a long conversation is CPU work the event loop should not do).
     */
    <T> Future<Optional<T>> conversation(String id, String owner, Function<ArrayNode, T> then) {
        return store == null ? Future.succeededFuture(Optional.empty())
                : afterWrite(id, () -> store.conversation(id, owner).map(then));
    }

    Future<Optional<ObjectNode>> response(String id, String owner) {
        return store == null ? Future.succeededFuture(Optional.empty())
                : afterWrite(id, () -> store.response(id, owner));
    }

    Future<Boolean> delete(String id, String owner) {
        return store == null ? Future.succeededFuture(false) : afterWrite(id, () -> store.delete(id, owner));
    }

    /**
     * Runs {@code call} on a store worker once a write of this id in progress (if any) has ended; completes on the
     * caller's context (the write may have been started from another event loop).
     */
    private <T> Future<T> afterWrite(String id, Callable<T> call) {
        Future<Void> write = writing.get(id);
        if (write == null) {
            return workers.executeBlocking(call, false);
        }
        Context here = vertx.getOrCreateContext();
        Promise<Void> written = Promise.promise();
        write.onComplete(done -> here.runOnContext(v -> written.complete()));
        return written.future().compose(v -> workers.executeBlocking(call, false));
    }

    /**
     * Keeps the entry of response {@code id}, built and written on a store worker; the caller has its answer
     * already, so a failure (or an entry over the size cap, or too many writes waiting) is logged and counted,
     * never reported to it.
     */
    void put(String id, Supplier<StoredResponse> entry) {
        if (store == null) {
            return;
        }
        if (writing.size() >= maxWrites) {
            if (notKept.incrementAndGet() % 1000 == 1) {
                LOG.warning("the response store is behind (" + maxWrites + " writes waiting): response " + id
                        + " and others are not kept; " + notKept.get() + " not kept so far");
            }
            return;
        }
        Future<Void> write = workers.executeBlocking(() -> {
            StoredResponse r = entry.get();
            if (!store.put(r)) {
                notKept.incrementAndGet();
                LOG.warning("response " + r.id() + " was not kept: larger than responses.max_entry_size compressed;"
                        + " a previous_response_id naming it will be refused");
            }
            return null;
        }, false);
        writing.put(id, write);
        write.onComplete(done -> writing.remove(id, write)).onFailure(e -> {
            notKept.incrementAndGet();
            LOG.log(Level.WARNING, "response " + id + " could not be kept: " + e.getMessage(), e);
        });
    }

    /** Whether responses are kept at all. */
    boolean enabled() {
        return store != null;
    }

    /** Responses that were to be kept and were not (over the size cap, the store behind or failing). */
    long notKept() {
        return notKept.get();
    }

    /** Deletes expired entries, on a store worker. */
    Future<Integer> purge() {
        return store == null ? Future.succeededFuture(0) : workers.executeBlocking(store::purgeExpired, false);
    }
}
