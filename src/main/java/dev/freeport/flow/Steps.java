package dev.freeport.flow;

import io.vertx.core.Future;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How one step of the flow follows another when the first may already be done. Most steps answer at once (a key
 * from the snapshot, a stateless resume, policies over the in-process counters, a plan without a complexity
 * score): then the next step runs right away, with no {@link Future#compose} or {@link Future#map} operation (a
 * future of its own and a listener) made for it. A step still running is followed as {@code compose} and {@code
 * map} do. As with them, a step that throws fails the future returned.
 */
final class Steps {
    private Steps() {
    }

    /** {@code next} with {@code first}'s value once it succeeded; {@code first}'s failure otherwise. */
    @SuppressWarnings("unchecked")
    static <T, U> Future<U> then(Future<T> first, Function<? super T, Future<U>> next) {
        if (first.succeeded()) {
            try {
                return next.apply(first.result());
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        if (first.failed()) {
            return (Future<U>) first;
        }
        return first.compose(next);
    }

    /**
     * As {@link #then(Future, Function)}, with the request's own state handed to {@code next} beside the value: a
     * {@code next} that captures nothing (a method reference of the state's class) is made once, not per request.
     */
    @SuppressWarnings("unchecked")
    static <C, T, U> Future<U> then(Future<T> first, C state, BiFunction<? super C, ? super T, Future<U>> next) {
        if (first.succeeded()) {
            try {
                return next.apply(state, first.result());
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        if (first.failed()) {
            return (Future<U>) first;
        }
        return first.compose(v -> next.apply(state, v));
    }

    /** {@code f} of {@code first}'s value once it succeeded; {@code first}'s failure otherwise. */
    @SuppressWarnings("unchecked")
    static <T, U> Future<U> map(Future<T> first, Function<? super T, U> f) {
        if (first.succeeded()) {
            try {
                return Future.succeededFuture(f.apply(first.result()));
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        if (first.failed()) {
            return (Future<U>) first;
        }
        return first.map(f);
    }
}
