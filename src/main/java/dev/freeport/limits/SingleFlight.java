package dev.freeport.limits;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * At most one operation in flight per key: a caller asking for a key already in flight gets the same future. The
 * key is forgotten when its operation ends, so a failure is tried again by the next caller. Used for a budget
 * counter's starting spend: however many requests need it at once, the ledger is read once.
 */
final class SingleFlight {
    private final Map<String, Future<Void>> inFlight = new ConcurrentHashMap<>();

    Future<Void> run(String key, Supplier<Future<Void>> op) {
        Future<Void> pending = inFlight.get(key);
        if (pending != null) {
            return pending;
        }
        Promise<Void> p = Promise.promise();
        pending = inFlight.putIfAbsent(key, p.future());
        if (pending != null) {
            return pending;
        }
        Future<Void> started;
        try {
            started = op.get();
        } catch (RuntimeException e) {
            started = Future.failedFuture(e);
        }
        started.onComplete(ar -> {
            inFlight.remove(key, p.future());
            p.handle(ar);
        });
        return p.future();
    }
}
