package dev.freeport.limits;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Completes a backend's future back on the caller's Vert.x context, so the request flow stays on its loop. */
final class OnCaller {
    private OnCaller() {
    }

    static <T> Future<T> of(Future<T> f) {
        Context ctx = Vertx.currentContext();
        if (ctx == null || f.isComplete()) {
            return f;
        }
        Promise<T> p = Promise.promise();
        f.onComplete(ar -> {
            if (Vertx.currentContext() == ctx) {
                p.handle(ar);
            } else {
                ctx.runOnContext(v -> p.handle(ar));
            }
        });
        return p.future();
    }
}
