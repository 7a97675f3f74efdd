package dev.freeport.provider.http;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One credential (an access token, a set of temporary keys) shared by every request of a provider: handed out at
 * once while it is valid for more than {@code margin}, fetched again (once, however many requests are waiting)
 * when it is about to expire. Thread-safe; {@code fetch} must not block the calling event loop (it runs the
 * blocking part on a worker, or uses the non-blocking client). A failed fetch is not cached: the next request
 * tries again.
 *
 * @param <T> the credential
 */
public final class CredentialCache<T> {
    private record Held<T>(T value, Instant expires) {
    }

    private final Supplier<Future<T>> fetch;
    private final Function<T, Instant> expiry;
    private final Clock clock;
    private final Duration margin;
    private final AtomicReference<Held<T>> held = new AtomicReference<>();
    private final AtomicReference<Future<T>> inFlight = new AtomicReference<>();

    /**
     * @param fetch  gets a new credential
     * @param expiry when a credential expires; null for one that does not (long-lived keys)
     * @param margin how long before its expiry a credential is replaced
     */
    public CredentialCache(Supplier<Future<T>> fetch, Function<T, Instant> expiry, Clock clock, Duration margin) {
        this.fetch = fetch;
        this.expiry = expiry;
        this.clock = clock;
        this.margin = margin;
    }

    public Future<T> get() {
        Held<T> h = held.get();
        if (h != null && (h.expires() == null || h.expires().isAfter(clock.instant().plus(margin)))) {
            return Future.succeededFuture(h.value());
        }
        Future<T> running = inFlight.get();
        if (running != null) {
            return running;
        }
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        if (!inFlight.compareAndSet(null, promise.future())) {
            Future<T> other = inFlight.get();
            return other != null ? other : get();
        }
        Future<T> started;
        try {
            started = fetch.get();
        } catch (RuntimeException e) {
            started = Future.failedFuture(e);
        }
        started.onComplete(ar -> {
            if (ar.succeeded()) {
                held.set(new Held<>(ar.result(), expiry.apply(ar.result())));
            }
            inFlight.set(null);
            promise.handle(ar);
        });
        return promise.future();
    }
}
