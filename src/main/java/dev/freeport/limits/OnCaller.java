package dev.freeport.limits;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Calls a counter backend on behalf of a request: the answer comes back on the caller's Vert.x context (so the
 * request flow stays on its event loop); a backend that fails or does not answer within the counters' deadline
 * ({@code limits.deadline}, {@link #DEADLINE_MS} by default) fails the request closed with 503
 * {@code limits_unavailable} (budgets must hold, so no answer is no admission); and a reservation that lands after
 * the request gave up on it is undone, so nothing leaks.
 */
final class OnCaller {
    static final long DEADLINE_MS = dev.freeport.config.LimitsConfig.DEFAULT_DEADLINE.toMillis();
    /**
     * How long a request waits for its budgets' starting spend from the ledger (once per budget period, the first
     * request; {@link Counters#loadBaselines}): a scan of a large ledger under load may take longer than the
     * counters' deadline, and must not turn a key's first request into a 503.
     */
    static final long BASELINE_DEADLINE_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(OnCaller.class.getName());

    private OnCaller() {
    }

    /** {@code op}'s answer on the caller's context, or 503 {@code limits_unavailable} after {@code deadlineMs}. */
    static <T> Future<T> guarded(Vertx vertx, Future<T> op, long deadlineMs, Consumer<T> undoIfLate) {
        Context ctx = Vertx.currentContext();
        if (op.isComplete()) {
            return op.failed() ? Future.failedFuture(unavailable(op.cause())) : op;
        }
        Promise<T> p = Promise.promise();
        AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 answered, 2 gave up
        long timer = vertx.setTimer(deadlineMs, id -> {
            if (state.compareAndSet(0, 2)) {
                deliver(ctx, () -> p.fail(unavailable(new IllegalStateException("no answer within "
                        + deadlineMs + " ms"))));
            }
        });
        op.onComplete(ar -> {
            if (state.compareAndSet(0, 1)) {
                vertx.cancelTimer(timer);
                deliver(ctx, () -> {
                    if (ar.succeeded()) {
                        p.complete(ar.result());
                    } else {
                        p.fail(unavailable(ar.cause()));
                    }
                });
            } else if (ar.succeeded()) {
                undoIfLate.accept(ar.result());
            }
        });
        return p.future();
    }

    private static void deliver(Context ctx, Runnable r) {
        if (ctx == null || Vertx.currentContext() == ctx) {
            r.run();
        } else {
            ctx.runOnContext(v -> r.run());
        }
    }

    private static GatewayException unavailable(Throwable cause) {
        LOG.warning("limits backend unavailable: " + cause.getMessage());
        return new GatewayError(ErrorKind.UNAVAILABLE, 503, "Freeport cannot check budgets and rate limits right now "
                + "(its counter store does not answer); try again shortly.", null, "limits_unavailable", 1L)
                .toException();
    }
}
