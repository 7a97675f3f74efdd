package dev.freeport.cache;

import dev.freeport.route.complexity.Embedder;
import dev.freeport.route.complexity.RequestText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The semantic cache's embeddings of last user turns: the all-MiniLM-L6-v2 model complexity routing ships
 * ({@link Embedder}), loaded on a worker the first time an alias in semantic mode needs it (1.6-1.8 s) and never
 * otherwise; each embedding runs on a worker (milliseconds), never on the event loop.
 */
final class Embeddings {
    private final Vertx vertx;
    private Future<Embedder> model;

    Embeddings(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Whether the model was asked for (its loading started). */
    synchronized boolean started() {
        return model != null;
    }

    /** Starts loading the model (once). */
    synchronized Future<Embedder> model() {
        if (model == null) {
            model = vertx.executeBlocking(Embedder::new, false);
        }
        return model;
    }

    /** The embedding of a user turn (its head and tail when long, as {@link Embedder} cuts it). */
    Future<float[]> embed(String userTurn) {
        return embed(userTurn, v -> v);
    }

    /** {@code then} applied to the embedding of a user turn, on the same worker thread. */
    <T> Future<T> embed(String userTurn, java.util.function.Function<float[], T> then) {
        return model().compose(m -> vertx.executeBlocking(() -> then.apply(m.embed(RequestText.ofUser(userTurn))),
                false));
    }
}
